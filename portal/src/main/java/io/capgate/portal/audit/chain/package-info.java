/**
 * How the audit log is kept: the listener that appends each {@link io.capgate.portal.audit.AuditEvent}
 * as one HMAC-chained row in the publisher's transaction, the audit key kept outside the database,
 * the signed anchor file and checkpoints that witness the chain's head, and the verifier.
 *
 * <p>A nested module of {@code audit}: it needs {@code security} to check roles, while
 * {@code security} (like every feature) depends on the root {@code audit} package for
 * {@code AuditEvent}. Keeping this part apart keeps the module graph free of cycles.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"base", "security", "audit"})
package io.capgate.portal.audit.chain;
