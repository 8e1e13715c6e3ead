package io.capgate.portal.audit.api;

import io.capgate.portal.audit.AuditEntry;
import java.util.List;

/**
 * One page of {@code GET /api/v1/audit}, newest first.
 *
 * @param entries up to {@code limit} entries
 * @param nextBefore pass as {@code before} for the next page; absent on the last page
 */
public record AuditPage(List<AuditEntry> entries, Long nextBefore) {}
