package io.capgate.portal.audit.api;

import io.capgate.portal.audit.AuditFilter;
import io.capgate.portal.audit.AuditLog;
import io.capgate.portal.audit.VerificationResult;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's organization's audit log (ORG_ADMIN or AUDITOR). Pages are keyset pages: follow
 * {@code nextBefore} to go further back; they stay fast however long the log is.
 */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditController {

  private final AuditLog auditLog;

  AuditController(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  /** Recomputes the hash chain and checks it against the signed anchor: VALID, WARNING or BROKEN. */
  @GetMapping("/verify")
  VerificationResult verify() {
    return auditLog.verify();
  }

  /**
   * Entries with a seq below {@code before} (newest when absent), filtered, newest first. Parameter
   * names are spelled out: the build does not compile with {@code -parameters}.
   */
  @GetMapping
  AuditPage page(@RequestParam(name = "limit", defaultValue = "50") int limit,
      @RequestParam(name = "before", required = false) Long before,
      @RequestParam(name = "action", required = false) String action,
      @RequestParam(name = "actor", required = false) String actor,
      @RequestParam(name = "objectType", required = false) String objectType,
      @RequestParam(name = "objectId", required = false) String objectId,
      @RequestParam(name = "from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
      @RequestParam(name = "to", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
    var filter = new AuditFilter(action, actor, objectType, objectId, from, to);
    var entries = auditLog.page(filter, before, limit);
    return new AuditPage(entries, entries.size() == limit ? entries.getLast().seq() : null);
  }
}
