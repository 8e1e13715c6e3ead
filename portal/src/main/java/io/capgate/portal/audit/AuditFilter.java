package io.capgate.portal.audit;

import java.time.Instant;

/**
 * What to show of the audit log; every criterion is optional ({@code null} or blank matches all).
 *
 * @param actionPrefix actions starting with this, e.g. {@code manifest.} or {@code project.created}
 * @param actor part of the actor's name, case-insensitive, e.g. {@code alice} or {@code system:}
 * @param objectType exact object type, e.g. {@code project}
 * @param objectId exact object id (with or without objectType)
 * @param from entries at or after this instant
 * @param to entries before this instant
 */
public record AuditFilter(String actionPrefix, String actor, String objectType, String objectId, Instant from,
    Instant to) {

  public AuditFilter {
    actionPrefix = blankToNull(actionPrefix);
    actor = blankToNull(actor);
    objectType = blankToNull(objectType);
    objectId = blankToNull(objectId);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("The time range is empty: 'from' must be before 'to'");
    }
  }

  /** Everything. */
  public static AuditFilter all() {
    return new AuditFilter(null, null, null, null, null, null);
  }

  public AuditFilter withActionPrefix(String prefix) {
    return new AuditFilter(prefix, actor, objectType, objectId, from, to);
  }

  public AuditFilter withActor(String name) {
    return new AuditFilter(actionPrefix, name, objectType, objectId, from, to);
  }

  public AuditFilter withObject(String type, String id) {
    return new AuditFilter(actionPrefix, actor, type, id, from, to);
  }

  public AuditFilter withRange(Instant start, Instant end) {
    return new AuditFilter(actionPrefix, actor, objectType, objectId, start, end);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
