/**
 * The enforcement engine: turns a target interpreter, its paths and a manifest into a bpftrace program,
 * runs it, and turns its output back into traces and violations.
 *
 * <p>The kernel side identifies files by an FNV-1a hash of their path bytes ({@link PathHash}) and modules by
 * small integer ids ({@link ModuleIds}); this package computes both the same way in Java.
 */
package io.capgate.agent.engine;
