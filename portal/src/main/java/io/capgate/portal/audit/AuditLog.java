package io.capgate.portal.audit;

import java.util.List;

/**
 * Reads and verifies the caller's organization's audit log. Every method needs the
 * {@code ORG_ADMIN} or {@code AUDITOR} role and sees only the caller's organization; another
 * organization's rows are never read, not even to verify.
 */
public interface AuditLog {

  /** The most entries one page returns. */
  int MAX_PAGE_SIZE = 500;

  /** True when the signed-in user may read the audit log (views use it to hide, services still check). */
  boolean canRead();

  /**
   * Entries matching the filter, newest first (by descending seq).
   *
   * @param beforeSeq keyset cursor: only entries with a seq below it; {@code null} starts at the newest
   * @param skip matching entries to skip after the cursor (0 for keyset paging; for jumps only, costs O(skip))
   * @param limit 1 to {@link #MAX_PAGE_SIZE}
   * @throws org.springframework.security.access.AccessDeniedException without ORG_ADMIN or AUDITOR
   */
  List<AuditEntry> page(AuditFilter filter, Long beforeSeq, int skip, int limit);

  /** Keyset paging: pass the last entry's seq of a page as {@code beforeSeq} to get the next one. */
  default List<AuditEntry> page(AuditFilter filter, Long beforeSeq, int limit) {
    return page(filter, beforeSeq, 0, limit);
  }

  /**
   * Recomputes the organization's chain from seq 1 with the audit key and compares its end with the
   * signed anchor kept outside the database and with the signed checkpoints.
   */
  VerificationResult verify();
}
