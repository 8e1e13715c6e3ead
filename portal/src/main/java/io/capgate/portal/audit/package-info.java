/**
 * The append-only, hash-chained audit log: every change by a person or the system, who, when,
 * what, before and after. Features publish {@link io.capgate.portal.audit.AuditEvent}s; this
 * module appends them in the publisher's transaction.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"base"})
package io.capgate.portal.audit;
