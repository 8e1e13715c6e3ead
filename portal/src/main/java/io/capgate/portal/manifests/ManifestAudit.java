package io.capgate.portal.manifests;

import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.security.Access;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Publishes one audit event per state change of a version, in the caller's transaction. */
@Component
class ManifestAudit {

  static final String OBJECT_TYPE = "manifest_version";

  private final ApplicationEventPublisher events;
  private final Access access;

  ManifestAudit(ApplicationEventPublisher events, Access access) {
    this.events = events;
    this.access = access;
  }

  /**
   * Records a change by the caller.
   *
   * @param before the version before the change, or null when it was created
   */
  void publish(String action, ManifestVersion before, ManifestVersion after) {
    var user = access.currentUser();
    events.publishEvent(new AuditEvent(user.organizationId(), user.actor(), action,
        OBJECT_TYPE, Long.toString(after.id()), before == null ? Map.of() : fields(before), fields(after)));
  }

  private static Map<String, Object> fields(ManifestVersion v) {
    var fields = new LinkedHashMap<String, Object>();
    fields.put("serviceId", v.serviceId());
    fields.put("service", v.serviceName());
    fields.put("version", v.version());
    fields.put("state", v.state().name());
    fields.put("hash", v.hash());
    fields.put("moduleCount", v.moduleCount());
    return fields;
  }
}
