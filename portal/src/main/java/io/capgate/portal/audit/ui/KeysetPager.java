package io.capgate.portal.audit.ui;

import io.capgate.portal.audit.AuditEntry;
import io.capgate.portal.audit.AuditFilter;
import io.capgate.portal.audit.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Turns the grid's offset/limit fetches into keyset pages. It remembers the seq of the last row of
 * each page it fetched, so scrolling on asks for "the next rows below seq N" (an index range scan,
 * as fast on page 2,000 as on page 1); only a jump past what was fetched skips rows with an offset.
 */
final class KeysetPager {

  private final AuditLog auditLog;
  private final NavigableMap<Integer, Long> seqAtOffset = new TreeMap<>();
  private AuditFilter filter = AuditFilter.all();

  KeysetPager(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  void filter(AuditFilter newFilter) {
    filter = newFilter;
    seqAtOffset.clear();
  }

  AuditFilter filter() {
    return filter;
  }

  List<AuditEntry> fetch(int offset, int limit) {
    var rows = new ArrayList<AuditEntry>(Math.min(limit, AuditLog.MAX_PAGE_SIZE));
    while (rows.size() < limit) {
      int wanted = Math.min(limit - rows.size(), AuditLog.MAX_PAGE_SIZE);
      var page = fetchOnce(offset + rows.size(), wanted);
      rows.addAll(page);
      if (page.size() < wanted) {
        break;
      }
    }
    return rows;
  }

  private List<AuditEntry> fetchOnce(int offset, int limit) {
    Long before = null;
    int skip = offset;
    var known = seqAtOffset.floorEntry(offset - 1);
    if (known != null) {
      before = known.getValue();
      skip = offset - 1 - known.getKey();
    }
    var page = auditLog.page(filter, before, skip, limit);
    if (!page.isEmpty()) {
      seqAtOffset.put(offset + page.size() - 1, page.getLast().seq());
    }
    return page;
  }
}
