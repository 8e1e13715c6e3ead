package io.capgate.agent.fleet.spool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Small helpers for spool tests. */
final class SpoolFixtures {

    static final String OBS = "svc-1/observation";
    static final String VIOLATION = "svc-1/violation";

    private SpoolFixtures() {
    }

    static byte[] payload(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(SpoolRecord r) {
        return new String(r.payload(), StandardCharsets.UTF_8);
    }

    static List<Long> sequences(List<SpoolRecord> records) {
        return records.stream().map(SpoolRecord::sequence).toList();
    }

    static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
    }

    /** A spool config whose segments hold {@code recordsPerSegment} records of {@code payloadBytes}. */
    static SpoolConfig small(int payloadBytes, int recordsPerSegment, int segments, SyncPolicy sync) {
        int segmentBytes = RecordFormat.FILE_HEADER_BYTES
                + recordsPerSegment * (RecordFormat.RECORD_HEADER_BYTES + payloadBytes);
        return new SpoolConfig((long) segmentBytes * segments, segmentBytes, payloadBytes, sync);
    }
}
