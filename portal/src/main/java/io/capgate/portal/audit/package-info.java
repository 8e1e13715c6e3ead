/**
 * The append-only, hash-chained audit log: every change by a person or the system, who, when,
 * what, before and after. Features publish {@link io.capgate.portal.audit.AuditEvent}s; the
 * {@code audit.chain} module appends them in the publisher's transaction. {@link
 * io.capgate.portal.audit.AuditLog} reads the log and verifies its chain; {@code audit.ui} shows it
 * and {@code audit.api} serves it under {@code /api/v1/audit}.
 *
 * <p>This root package depends on {@code base} only: {@code security} publishes audit events, so
 * the implementation that checks roles with {@code security}'s {@code Access} lives in the nested
 * module {@code audit.chain}, and the modules stay free of cycles.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"base"})
package io.capgate.portal.audit;
