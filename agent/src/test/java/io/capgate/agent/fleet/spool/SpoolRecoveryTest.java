package io.capgate.agent.fleet.spool;

import static io.capgate.agent.fleet.spool.SpoolFixtures.OBS;
import static io.capgate.agent.fleet.spool.SpoolFixtures.payload;
import static io.capgate.agent.fleet.spool.SpoolFixtures.segments;
import static io.capgate.agent.fleet.spool.SpoolFixtures.sequences;
import static io.capgate.agent.fleet.spool.SpoolFixtures.small;
import static io.capgate.agent.fleet.spool.SpoolFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.agent.fleet.TestClock;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reopening a spool: after a clean close, a crash mid-write, and damage to its files. */
class SpoolRecoveryTest {

    private static final SpoolConfig CONFIG = small(8, 10, 10, SyncPolicy.everyAppend());
    private static final int RECORD = RecordFormat.RECORD_HEADER_BYTES + 8;

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock();
    private final List<String> notices = new ArrayList<>();

    private Spool open() throws IOException {
        return Spool.open(dir, CONFIG, clock, notices::add);
    }

    private void fill(int records) throws IOException {
        try (Spool spool = open()) {
            for (int i = 1; i <= records; i++) {
                spool.append(OBS, payload("rec%05d".formatted(i)));
            }
        }
    }

    private Path segment(long first) {
        return dir.resolve(Segment.fileName(first));
    }

    /** Offset of the record with {@code sequence} in the segment starting at {@code first}. */
    private static long offset(long first, long sequence) {
        return RecordFormat.FILE_HEADER_BYTES + (sequence - first) * RECORD;
    }

    @Test
    void reopeningContinuesTheSequenceAndKeepsTheAcknowledgedPosition() throws Exception {
        try (Spool spool = open()) {
            for (int i = 1; i <= 15; i++) {
                spool.append(OBS, payload("rec%05d".formatted(i)));
            }
            spool.acknowledge(12);
        }

        try (Spool spool = open()) {
            assertThat(spool.nextSequence()).isEqualTo(16);
            assertThat(spool.acknowledged()).isEqualTo(12);
            assertThat(sequences(spool.readFrom(1, 100))).containsExactly(13L, 14L, 15L);
            assertThat(spool.append(OBS, payload("rec00016"))).hasValue(16);
        }
        assertThat(notices).isEmpty();
    }

    @Test
    void sequencesAreNotReusedWhenEveryRecordWasAcknowledgedBeforeARestart() throws Exception {
        try (Spool spool = open()) {
            for (int i = 0; i < 7; i++) {
                spool.append(OBS, payload("abcdefgh"));
            }
            spool.acknowledge(7);
        }

        try (Spool spool = open()) {
            assertThat(spool.append(OBS, payload("abcdefgh"))).hasValue(8);
        }
    }

    @Test
    void aTornLastRecordIsTruncatedAndNeverReturned() throws Exception {
        fill(3);
        Path file = segment(1);
        truncate(file, offset(1, 3) + RECORD - 3); // the crash cut the last payload short

        try (Spool spool = open()) {
            assertThat(sequences(spool.readFrom(1, 10))).containsExactly(1L, 2L);
            assertThat(spool.nextSequence()).isEqualTo(3);
            assertThat(Files.size(file)).isEqualTo(offset(1, 3));
            assertThat(spool.append(OBS, payload("newrec03"))).hasValue(3);
            assertThat(text(spool.readFrom(3, 1).get(0))).isEqualTo("newrec03");
        }
        assertThat(notices).singleElement().asString().contains("interrupted by a crash", "truncated");
    }

    @Test
    void aRecordHeaderCutShortIsATornWriteToo() throws Exception {
        fill(3);
        truncate(segment(1), offset(1, 3) + 7);

        try (Spool spool = open()) {
            assertThat(sequences(spool.readFrom(1, 10))).containsExactly(1L, 2L);
        }
        assertThat(notices).singleElement().asString().contains("torn record header");
    }

    @Test
    void aFlippedByteInTheLastSegmentEndsItThere() throws Exception {
        fill(3);
        flip(segment(1), offset(1, 2) + RecordFormat.RECORD_HEADER_BYTES + 1);

        try (Spool spool = open()) {
            assertThat(sequences(spool.readFrom(1, 10))).containsExactly(1L);
            assertThat(spool.nextSequence()).isEqualTo(2);
        }
        assertThat(notices).singleElement().asString().contains("CRC mismatch in the record of sequence 2");
    }

    @Test
    void damageInAnOlderSegmentLosesTheRestOfItAndCountsTheLostRecords() throws Exception {
        fill(25); // segments 1-10, 11-20, 21-25
        flip(segment(11), offset(11, 14) + RecordFormat.RECORD_HEADER_BYTES);

        try (Spool spool = open()) {
            assertThat(sequences(spool.readFrom(9, 8))).containsExactly(9L, 10L, 11L, 12L, 13L, 21L, 22L, 23L);
            assertThat(spool.drops().count(Spool.CORRUPT)).isEqualTo(7);
            assertThat(spool.nextSequence()).isEqualTo(26);
        }
        assertThat(notices).singleElement().asString()
                .contains("00000000000000000011.seg is damaged", "7 unacknowledged records from sequence 14");
    }

    @Test
    void damageToAlreadyAcknowledgedRecordsIsNotCountedAsLoss() throws Exception {
        try (Spool spool = open()) {
            for (int i = 0; i < 25; i++) {
                spool.append(OBS, payload("abcdefgh"));
            }
            spool.acknowledge(8);
        }
        flip(segment(1), offset(1, 3) + RecordFormat.RECORD_HEADER_BYTES);

        try (Spool spool = open()) {
            assertThat(spool.drops().count(Spool.CORRUPT)).isEqualTo(2); // 9 and 10
            assertThat(sequences(spool.readFrom(1, 2))).containsExactly(11L, 12L);
        }
    }

    @Test
    void aRecordDamagedWhileOpenFailsTheReadInsteadOfReturningIt() throws Exception {
        try (Spool spool = open()) {
            spool.append(OBS, payload("rec00001"));
            spool.append(OBS, payload("rec00002"));
            flip(segment(1), offset(1, 2) + RecordFormat.RECORD_HEADER_BYTES + 4);

            assertThat(sequences(spool.readFrom(1, 1))).containsExactly(1L);
            assertThatThrownBy(() -> spool.readFrom(1, 10)).isInstanceOf(SpoolCorruptedException.class)
                    .hasMessageContaining("00000000000000000001.seg is corrupt at byte " + offset(1, 2))
                    .hasMessageContaining("CRC mismatch in the record of sequence 2");
        }
    }

    @Test
    void aSegmentWhoseHeaderWasTornAtCreationIsRecreated() throws Exception {
        fill(10); // exactly one full segment; the next append starts 00..11.seg
        try (Spool spool = open()) {
            spool.append(OBS, payload("rec00011"));
        }
        truncate(segment(11), 5);

        try (Spool spool = open()) {
            assertThat(spool.nextSequence()).isEqualTo(11);
            assertThat(spool.append(OBS, payload("again011"))).hasValue(11);
            assertThat(sequences(spool.readFrom(9, 10))).containsExactly(9L, 10L, 11L);
        }
        assertThat(segments(dir)).hasSize(2);
    }

    @Test
    void aDamagedAcknowledgementFileMeansReplayingWhatIsStillSpooled() throws Exception {
        fill(3);
        try (Spool spool = open()) {
            spool.acknowledge(2);
        }
        flip(dir.resolve("acked"), 7);

        try (Spool spool = open()) {
            assertThat(spool.acknowledged()).isZero();
            assertThat(sequences(spool.readFrom(1, 10))).containsExactly(1L, 2L, 3L);
            assertThat(spool.nextSequence()).isEqualTo(4);
        }
        assertThat(notices).singleElement().asString().contains("acked is corrupt", "replaying");
    }

    @Test
    void aDamagedDropCounterFileIsCountedAsAReset() throws Exception {
        try (Spool spool = Spool.open(dir, small(8, 1, 1, SyncPolicy.everyAppend()), clock, notices::add)) {
            spool.append(OBS, payload("abcdefgh"));
            spool.append(OBS, payload("abcdefgh"));
            assertThat(spool.drops().count(OBS)).isEqualTo(1);
        }
        flip(dir.resolve("drops"), 3);

        try (Spool spool = open()) {
            assertThat(spool.drops().counts()).containsExactly(java.util.Map.entry(Spool.COUNTERS_RESET, 1L));
        }
        assertThat(notices).singleElement().asString().contains("drops is corrupt", "earlier drop counts are lost");
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    static void flip(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x5a);
        }
    }
}
