package io.capgate.portal.audit.ui;

import io.capgate.portal.audit.AuditEntry;
import io.capgate.portal.audit.AuditFilter;
import io.capgate.portal.audit.AuditLog;
import io.capgate.portal.audit.VerificationResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An in-memory audit log of n rows that records the page requests it gets. */
final class FakeAuditLog implements AuditLog {

  record Request(AuditFilter filter, Long beforeSeq, int skip, int limit) {}

  final List<AuditEntry> entries = new ArrayList<>();
  final List<Request> requests = new ArrayList<>();
  boolean readable = true;
  VerificationResult result;

  FakeAuditLog(int n) {
    for (long seq = n; seq >= 1; seq--) {
      entries.add(new AuditEntry(seq, Instant.parse("2026-11-01T00:00:00Z").plusSeconds(seq), 1L, "user:alice",
          seq % 2 == 0 ? "manifest.submitted" : "project.updated", "project", "p" + seq, Map.of("n", seq - 1),
          Map.of("n", seq), "%064d".formatted(seq)));
    }
  }

  @Override
  public boolean canRead() {
    return readable;
  }

  @Override
  public List<AuditEntry> page(AuditFilter filter, Long beforeSeq, int skip, int limit) {
    requests.add(new Request(filter, beforeSeq, skip, limit));
    return entries.stream()
        .filter(e -> beforeSeq == null || e.seq() < beforeSeq)
        .filter(e -> filter.actionPrefix() == null || e.action().startsWith(filter.actionPrefix()))
        .skip(skip).limit(limit).toList();
  }

  @Override
  public VerificationResult verify() {
    return result;
  }
}
