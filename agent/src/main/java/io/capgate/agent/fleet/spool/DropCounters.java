package io.capgate.agent.fleet.spool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** The persistent drop counters of a spool. Not thread-safe: the spool guards it. */
final class DropCounters {

    private static final int FORMAT = 1;
    private static final Pattern CATEGORY = Pattern.compile("[A-Za-z0-9._:/@-]{1,200}");

    private final Path file;
    private final Clock clock;
    private final Map<String, Long> counts = new TreeMap<>();
    private Instant first;
    private Instant last;
    private boolean dirty;

    private DropCounters(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Loads the counters; a damaged file is reported and counted as a reset, not fatal. */
    static DropCounters load(Path file, Clock clock, Consumer<String> notices) throws IOException {
        DropCounters counters = new DropCounters(file, clock);
        Optional<byte[]> content;
        try {
            content = StateFile.read(file);
        } catch (SpoolCorruptedException e) {
            notices.accept(e.getMessage() + "; earlier drop counts are lost, counted as " + Spool.COUNTERS_RESET);
            counters.count(Spool.COUNTERS_RESET, 1);
            return counters;
        }
        if (content.isPresent()) {
            counters.decode(content.get());
        }
        return counters;
    }

    static void checkCategory(String category) {
        if (category == null || !CATEGORY.matcher(category).matches()) {
            throw new IllegalArgumentException("drop category must be 1 to 200 of [A-Za-z0-9._:/@-], got '"
                    + category + "'");
        }
    }

    void count(String category, long n) {
        if (n <= 0) {
            return;
        }
        Instant now = clock.instant();
        counts.merge(category, n, Long::sum);
        first = first == null ? now : first;
        last = now;
        dirty = true;
    }

    DropSnapshot snapshot() {
        return counts.isEmpty() ? DropSnapshot.NONE : new DropSnapshot(counts, first, last);
    }

    /**
     * Subtracts what was reported. Drops counted after the snapshot stay; their first time becomes the reported
     * last time, the earliest they can have happened.
     */
    void clear(DropSnapshot reported) {
        reported.counts().forEach((category, n) -> counts.computeIfPresent(category, (c, have) ->
                have > n ? have - n : null));
        if (counts.isEmpty()) {
            first = null;
            last = null;
        } else if (reported.lastDrop() != null) {
            first = reported.lastDrop();
        }
        dirty = true;
    }

    boolean dirty() {
        return dirty;
    }

    void persist() throws IOException {
        StateFile.write(file, encode());
        dirty = false;
    }

    private byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeLong(first == null ? -1 : first.toEpochMilli());
            out.writeLong(last == null ? -1 : last.toEpochMilli());
            out.writeInt(counts.size());
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
        return bytes.toByteArray();
    }

    private void decode(byte[] content) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new SpoolCorruptedException(file, 0, "unknown drop counter format " + format);
            }
            long firstMillis = in.readLong();
            long lastMillis = in.readLong();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                counts.put(in.readUTF(), in.readLong());
            }
            if (!counts.isEmpty()) {
                first = Instant.ofEpochMilli(firstMillis);
                last = Instant.ofEpochMilli(lastMillis);
            }
        }
    }
}
