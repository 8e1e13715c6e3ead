package io.capgate.portal.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the audit log as stored.
 *
 * @param seq position in the organization's chain (1, 2, 3, ... without gaps)
 * @param at when it was appended (microsecond precision)
 * @param actorUserId the person's user id, {@code null} for the system
 * @param actorName {@code user:<username>} or {@code system:<component>}
 * @param before the object's fields before the change (empty for a creation)
 * @param after the fields after the change (empty for a deletion)
 * @param hash HMAC-SHA256 over the previous hash and every field above, hex
 */
public record AuditEntry(long seq, Instant at, Long actorUserId, String actorName, String action, String objectType,
    String objectId, Map<String, Object> before, Map<String, Object> after, String hash) {}
