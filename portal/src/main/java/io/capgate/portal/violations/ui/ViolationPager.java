package io.capgate.portal.violations.ui;

import io.capgate.portal.violations.StoredViolation;
import io.capgate.portal.violations.ViolationFilter;
import io.capgate.portal.violations.ViolationPage;
import io.capgate.portal.violations.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Turns the grid's offset/limit fetches into keyset pages of {@link Violations#page}. It remembers the cursor after
 * each row range it fetched, so scrolling on continues from a cursor (an index range scan, as fast deep in a year of
 * data as on the first page); only a jump past what was fetched walks the pages in between.
 */
final class ViolationPager {

  private final Violations violations;
  private final NavigableMap<Integer, ViolationPage.Cursor> cursorAfter = new TreeMap<>();
  private ViolationFilter filter = ViolationFilter.all();

  ViolationPager(Violations violations) {
    this.violations = violations;
  }

  /** A new filter (or new rows at the top): every remembered cursor is void. */
  void reset(ViolationFilter newFilter) {
    filter = newFilter;
    cursorAfter.clear();
  }

  ViolationFilter filter() {
    return filter;
  }

  /** The rows {@code [offset, offset + limit)} in newest-first order (fewer at the end). */
  List<StoredViolation> fetch(int offset, int limit) {
    var start = cursorAt(offset);
    if (start.exhausted()) {
      return List.of(); // no row at the offset
    }
    var rows = new ArrayList<StoredViolation>(Math.min(limit, Violations.MAX_LIMIT));
    var cursor = start.cursor();
    while (rows.size() < limit) {
      var page = violations.page(filter, cursor, Math.min(limit - rows.size(), Violations.MAX_LIMIT));
      rows.addAll(page.items());
      if (page.next().isEmpty()) {
        break;
      }
      cursor = page.next().get();
      cursorAfter.put(offset + rows.size(), cursor);
    }
    return rows;
  }

  /** The cursor before row {@code offset}, walking forward from the nearest known one; exhausted when no row is there. */
  private Position cursorAt(int offset) {
    if (offset == 0) {
      return new Position(null, false);
    }
    var known = cursorAfter.floorEntry(offset);
    int at = known == null ? 0 : known.getKey();
    ViolationPage.Cursor cursor = known == null ? null : known.getValue();
    while (at < offset) {
      var page = violations.page(filter, cursor, Math.min(offset - at, Violations.MAX_LIMIT));
      if (page.next().isEmpty()) {
        return new Position(null, true);
      }
      at += page.items().size();
      cursor = page.next().get();
      cursorAfter.put(at, cursor);
    }
    return new Position(cursor, false);
  }

  private record Position(ViolationPage.Cursor cursor, boolean exhausted) {}
}
