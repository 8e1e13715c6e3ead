/**
 * Capability manifests: the per Python module syscall and exec allowlists Capgate enforces.
 *
 * <ul>
 *   <li>{@link io.capgate.model.manifest.Manifest} and {@link io.capgate.model.manifest.ModulePolicy}: the model.</li>
 *   <li>{@link io.capgate.model.manifest.ManifestParser}: strict YAML/JSON reader that reports every problem with
 *       its line and column ({@link io.capgate.model.manifest.ManifestException}).</li>
 *   <li>{@link io.capgate.model.manifest.ManifestWriter} and {@link io.capgate.model.manifest.ManifestHash}: the
 *       canonical text forms and the content hash.</li>
 *   <li>{@link io.capgate.model.manifest.ManifestBuilder}: a manifest from observed traces;
 *       {@link io.capgate.model.manifest.ManifestChecker}: what a trace did that a manifest does not allow.</li>
 *   <li>{@link io.capgate.model.manifest.ManifestDiff}: reviewable changes, with risky additions flagged.</li>
 *   <li>{@link io.capgate.model.manifest.ResolvedPolicy}: the kernel syscall indexes the enforcement engine loads.</li>
 * </ul>
 *
 * <p>Every string in a manifest ends up in a program that runs as root, so each one is checked against a strict
 * ASCII grammar ({@link io.capgate.model.manifest.ManifestGrammar}); the reference is {@code docs/manifest.md}.
 */
package io.capgate.model.manifest;
