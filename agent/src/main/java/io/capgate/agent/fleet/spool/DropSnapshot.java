package io.capgate.agent.fleet.spool;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the spool could not keep, by category, since the last report was cleared.
 *
 * <p>Categories are chosen by the caller ({@code "svc-1/observation"}, {@code "svc-1/violation"}); the spool
 * adds its own under the reserved prefix {@code spool.}: {@value Spool#CORRUPT} for records lost to a damaged
 * segment found at open, {@value Spool#IO_ERROR} for records lost to a failed write or sync.
 *
 * @param counts    dropped records per category, all positive
 * @param firstDrop when the first counted drop happened, or null when there are none
 * @param lastDrop  when the last counted drop happened, or null when there are none
 */
public record DropSnapshot(Map<String, Long> counts, Instant firstDrop, Instant lastDrop) {

    /** No drops. */
    public static final DropSnapshot NONE = new DropSnapshot(Map.of(), null, null);

    public DropSnapshot {
        counts = java.util.Collections.unmodifiableMap(new TreeMap<>(counts));
        if (counts.values().stream().anyMatch(c -> c <= 0)) {
            throw new IllegalArgumentException("drop counts must be positive: " + counts);
        }
        if (counts.isEmpty() != (firstDrop == null) || (firstDrop == null) != (lastDrop == null)) {
            throw new IllegalArgumentException("drops need both times, no drops neither");
        }
    }

    /** True when nothing was dropped. */
    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** The count of one category, 0 when none. */
    public long count(String category) {
        return counts.getOrDefault(category, 0L);
    }

    /** All drops together. */
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
