package io.capgate.agent.fleet.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a spool directory back to a consistent state when it opens: checks every segment, truncates a torn
 * tail (the record a crash interrupted), counts records lost to damage, deletes acknowledged segments and
 * finds the next sequence, which is never one already used.
 */
final class SpoolRecovery {

    private static final Pattern SEGMENT = Pattern.compile("(\\d{20})\\.seg");

    private final Path dir;
    private final SpoolConfig config;
    private final DropCounters drops;
    private final Consumer<String> notices;

    SpoolRecovery(Path dir, SpoolConfig config, DropCounters drops, Consumer<String> notices) {
        this.dir = dir;
        this.config = config;
        this.drops = drops;
        this.notices = notices;
    }

    /** The segments, oldest first; the last one is open for appending and starts after {@code acknowledged}. */
    ArrayDeque<Segment> recover(long acknowledged) throws IOException {
        List<Long> firsts = segmentFiles();
        ArrayDeque<Segment> segments = new ArrayDeque<>();
        for (int i = 0; i < firsts.size(); i++) {
            long first = firsts.get(i);
            boolean last = i == firsts.size() - 1;
            long nextFirst = last ? Long.MAX_VALUE : firsts.get(i + 1);
            Path path = dir.resolve(Segment.fileName(first));
            SegmentReader.Scan scan = SegmentReader.scan(path, first, config.maxRecordBytes());
            if (scan.nextSequence() > nextFirst) {
                throw new SpoolCorruptedException(path, scan.validEnd(), "its sequences run into those of "
                        + Segment.fileName(nextFirst) + "; move the spool directory aside to start afresh");
            }
            if (last) {
                segments.add(repairTail(path, first, scan));
                continue;
            }
            long lost = nextFirst - Math.max(scan.nextSequence(), acknowledged + 1);
            if (lost > 0) {
                drops.count(Spool.CORRUPT, lost);
                notices.accept("spool: %s is damaged (%s); %d unacknowledged records from sequence %d are lost"
                        .formatted(path, scan.damaged() ? scan.damage() : "it ends early", lost, scan.nextSequence()));
            }
            if (scan.validEnd() == 0) {
                Files.delete(path);
                continue;
            }
            truncate(path, scan.validEnd());
            segments.add(Segment.recovered(path, first, scan));
        }
        return dropAcknowledged(segments, acknowledged);
    }

    private Segment repairTail(Path path, long first, SegmentReader.Scan scan) throws IOException {
        if (!scan.damaged()) {
            return Segment.recovered(path, first, scan);
        }
        long size = Files.size(path);
        notices.accept("spool: %s ends with %d bytes of a record interrupted by a crash (%s); truncated".formatted(
                path, size - scan.validEnd(), scan.damage()));
        if (scan.validEnd() == 0) {
            Files.delete(path);
            return Segment.create(dir, first);
        }
        truncate(path, scan.validEnd());
        return Segment.recovered(path, first, scan);
    }

    private ArrayDeque<Segment> dropAcknowledged(ArrayDeque<Segment> segments, long acknowledged)
            throws IOException {
        while (segments.size() > 1 && segments.getFirst().nextSequence() - 1 <= acknowledged) {
            segments.removeFirst().delete();
        }
        long next = Math.max(acknowledged + 1, segments.isEmpty() ? 1 : segments.getLast().nextSequence());
        Segment last = segments.peekLast();
        if (last != null && last.nextSequence() - 1 <= acknowledged && last.firstSequence() != next) {
            // Nothing in it is needed any more; start afresh at the next sequence (which the name keeps).
            segments.removeLast();
            Segment fresh = Segment.create(dir, next);
            last.delete();
            segments.add(fresh);
            return segments;
        }
        if (last == null) {
            segments.add(Segment.create(dir, next));
        } else {
            last.openForAppend();
        }
        return segments;
    }

    private List<Long> segmentFiles() throws IOException {
        List<Long> firsts = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Matcher m = SEGMENT.matcher(name);
                if (m.matches()) {
                    firsts.add(Long.parseLong(m.group(1)));
                } else if (name.endsWith(".seg")) {
                    notices.accept("spool: ignoring " + file + ", not a segment name");
                }
            }
        }
        firsts.sort(null);
        return firsts;
    }

    private static void truncate(Path path, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            if (channel.size() > size) {
                channel.truncate(size);
                channel.force(true);
            }
        }
    }

    /**
     * The persisted acknowledgement, 0 when there is none. A damaged file only means replaying what is still
     * spooled: the portal stores by sequence and ignores what it already has.
     */
    static long readAcknowledged(Path file, Consumer<String> notices) throws IOException {
        try {
            return StateFile.read(file).map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
        } catch (SpoolCorruptedException e) {
            notices.accept("spool: " + e.getMessage() + "; replaying every record still spooled");
            return 0;
        }
    }
}
