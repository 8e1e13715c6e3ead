package io.capgate.portal.violations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Violations newest first, and where the next page starts if there may be one.
 *
 * @param next pass to {@link Violations#page} for the following page (keyset: stable under inserts)
 */
public record ViolationPage(List<StoredViolation> items, Optional<Cursor> next) {

  public ViolationPage {
    items = List.copyOf(items);
  }

  /** The position after a violation in newest-first order. */
  public record Cursor(Instant at, long id) {}
}
