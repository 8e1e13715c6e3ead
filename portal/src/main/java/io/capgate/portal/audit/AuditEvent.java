package io.capgate.portal.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A change to record, published by the feature that made it with Spring's
 * {@code ApplicationEventPublisher} inside its transaction. The audit log appends it in the same
 * transaction, so a change and its audit row commit or roll back together.
 *
 * @param organizationId the tenant whose log gets the row
 * @param actor who made the change
 * @param action dotted verb, e.g. {@code manifest.submitted}
 * @param objectType e.g. {@code manifest_version}
 * @param objectId the changed object's id
 * @param before the object's relevant fields before the change (empty for a creation)
 * @param after the fields after the change (empty for a deletion)
 */
public record AuditEvent(long organizationId, Actor actor, String action, String objectType, String objectId,
    Map<String, Object> before, Map<String, Object> after) {

  public AuditEvent {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(objectType, "objectType");
    Objects.requireNonNull(objectId, "objectId");
    // Copies keep the caller's key order and allow null values (a cleared field is a change too).
    before = before == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(before));
    after = after == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(after));
  }

  /** Who made a change: a person (by id and username) or a part of the system. */
  public record Actor(Long userId, String name) {

    public Actor {
      Objects.requireNonNull(name, "name");
    }

    public static Actor user(long id, String username) {
      return new Actor(id, "user:" + username);
    }

    public static Actor system(String component) {
      return new Actor(null, "system:" + component);
    }
  }
}
