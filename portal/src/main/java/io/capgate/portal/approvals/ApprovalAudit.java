package io.capgate.portal.approvals;

import io.capgate.portal.approvals.ApprovalRepository.Stored;
import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.security.Access;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Publishes the audit events of reviewers' decisions and comments, in the caller's transaction. */
@Component
class ApprovalAudit {

  static final String OBJECT_TYPE = "approval_request";

  private final ApplicationEventPublisher events;
  private final Access access;

  ApprovalAudit(ApplicationEventPublisher events, Access access) {
    this.events = events;
    this.access = access;
  }

  /** One event per reviewer decision: approval.approved or approval.rejected. */
  void decided(Decision decision, Stored before, Stored after, String comment) {
    var fields = fields(after);
    fields.put("decision", decision.name());
    fields.put("comment", comment);
    publish(decision == Decision.APPROVE ? "approval.approved" : "approval.rejected", after, fields(before), fields);
  }

  void commented(Stored request, String body) {
    var fields = fields(request);
    fields.put("comment", body);
    publish("approval.commented", request, Map.of(), fields);
  }

  private void publish(String action, Stored request, Map<String, Object> before, Map<String, Object> after) {
    var user = access.currentUser();
    events.publishEvent(new AuditEvent(request.organizationId(), user.actor(), action,
        OBJECT_TYPE, Long.toString(request.request().id()), before, after));
  }

  private static Map<String, Object> fields(Stored stored) {
    var request = stored.request();
    var fields = new LinkedHashMap<String, Object>();
    fields.put("versionId", request.versionId());
    fields.put("serviceId", request.serviceId());
    fields.put("version", request.version());
    fields.put("hash", stored.hash());
    fields.put("status", request.status().name());
    fields.put("approvals", request.approvals());
    fields.put("requiredApprovals", request.requiredApprovals());
    return fields;
  }
}
