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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock();
    private final List<String> notices = new ArrayList<>();
    private Spool spool;

    @AfterEach
    void close() throws Exception {
        if (spool != null) {
            spool.close();
        }
    }

    private Spool open(SpoolConfig config) throws Exception {
        spool = Spool.open(dir, config, clock, notices::add);
        return spool;
    }

    @Test
    void recordsComeBackInOrderWithSequencesFromOne() throws Exception {
        open(SpoolConfig.DEFAULT.withSync(SyncPolicy.everyAppend()));

        assertThat(spool.append(OBS, payload("a"))).hasValue(1);
        assertThat(spool.append(OBS, payload("b"))).hasValue(2);
        assertThat(spool.append(OBS, new byte[0])).hasValue(3);

        List<SpoolRecord> all = spool.readFrom(1, 10);
        assertThat(sequences(all)).containsExactly(1L, 2L, 3L);
        assertThat(all.stream().map(SpoolFixtures::text)).containsExactly("a", "b", "");
        assertThat(sequences(spool.readFrom(2, 1))).containsExactly(2L);
        assertThat(spool.readFrom(4, 10)).isEmpty();
        assertThat(notices).isEmpty();
    }

    @Test
    void onlySyncedRecordsAreReadableSoACrashCannotReuseASequenceThePortalSaw() throws Exception {
        open(SpoolConfig.DEFAULT.withSync(SyncPolicy.batched(3, Duration.ofMillis(200))));

        spool.append(OBS, payload("a"));
        spool.append(OBS, payload("b"));
        assertThat(spool.readFrom(1, 10)).isEmpty();
        assertThat(spool.durableSequence()).isZero();

        clock.advance(Duration.ofMillis(199));
        spool.syncIfDue();
        assertThat(spool.readFrom(1, 10)).isEmpty();

        clock.advance(Duration.ofMillis(1));
        spool.syncIfDue();
        assertThat(sequences(spool.readFrom(1, 10))).containsExactly(1L, 2L);
        assertThat(spool.durableSequence()).isEqualTo(2);
    }

    @Test
    void theAppendThatReachesTheBatchSizeSyncs() throws Exception {
        open(SpoolConfig.DEFAULT.withSync(SyncPolicy.batched(3, Duration.ofHours(1))));

        spool.append(OBS, payload("a"));
        spool.append(OBS, payload("b"));
        assertThat(spool.durableSequence()).isZero();
        spool.append(OBS, payload("c"));

        assertThat(spool.durableSequence()).isEqualTo(3);
    }

    @Test
    void readsAcrossSegmentsAndFindsAFarSequenceThroughTheIndex() throws Exception {
        open(small(8, 300, 10, SyncPolicy.batched(10_000, Duration.ofHours(1))));
        for (int i = 1; i <= 1000; i++) {
            spool.append(OBS, payload("r%07d".formatted(i)));
        }
        spool.sync();

        assertThat(segments(dir)).hasSize(4);
        List<SpoolRecord> middle = spool.readFrom(299, 4);
        assertThat(sequences(middle)).containsExactly(299L, 300L, 301L, 302L);
        assertThat(text(middle.get(2))).isEqualTo("r0000301");
        assertThat(sequences(spool.readFrom(997, 100))).containsExactly(997L, 998L, 999L, 1000L);
        assertThat(spool.readFrom(1, 5000)).hasSize(1000);
    }

    @Test
    void acknowledgingDeletesWholeSegmentsAndSkipsAcknowledgedRecords() throws Exception {
        open(small(4, 10, 10, SyncPolicy.everyAppend()));
        for (int i = 0; i < 35; i++) {
            spool.append(OBS, payload("%04d".formatted(i)));
        }
        long before = spool.sizeBytes();
        assertThat(segments(dir)).hasSize(4);

        spool.acknowledge(25);

        assertThat(segments(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("00000000000000000021.seg", "00000000000000000031.seg");
        assertThat(spool.sizeBytes()).isEqualTo(before - 2 * (16 + 10 * 20));
        assertThat(spool.acknowledged()).isEqualTo(25);
        assertThat(sequences(spool.readFrom(1, 3))).containsExactly(26L, 27L, 28L);

        spool.acknowledge(10); // lower than before: ignored
        assertThat(spool.acknowledged()).isEqualTo(25);
    }

    @Test
    void acknowledgingEverythingFreesTheActiveSegmentToo() throws Exception {
        open(small(4, 10, 10, SyncPolicy.everyAppend()));
        for (int i = 0; i < 5; i++) {
            spool.append(OBS, payload("abcd"));
        }

        spool.acknowledge(5);

        assertThat(segments(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("00000000000000000006.seg");
        assertThat(spool.sizeBytes()).isEqualTo(RecordFormat.FILE_HEADER_BYTES);
        assertThat(spool.append(OBS, payload("next"))).hasValue(6);
    }

    @Test
    void acknowledgingASequenceNeverAssignedIsRefused() throws Exception {
        open(SpoolConfig.DEFAULT);
        spool.append(OBS, payload("a"));

        assertThatThrownBy(() -> spool.acknowledge(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("acknowledged sequence 2 was never assigned; the last is 1");
    }

    @Test
    void aRecordAboveTheLimitIsRefusedWithTheSizes() throws Exception {
        open(small(100, 4, 4, SyncPolicy.everyAppend()));

        assertThat(spool.append(OBS, new byte[100])).hasValue(1);
        assertThatThrownBy(() -> spool.append(OBS, new byte[101])).isInstanceOf(RecordTooLargeException.class)
                .hasMessageContaining("101 bytes").hasMessageContaining("limit of 100 bytes");
        assertThat(spool.nextSequence()).isEqualTo(2);
        assertThat(spool.drops().isEmpty()).isTrue();
    }

    @Test
    void categoriesAreCheckedAndTheSpoolsOwnAreReserved() throws Exception {
        open(SpoolConfig.DEFAULT);

        assertThatThrownBy(() -> spool.append("has space", payload("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drop category");
        assertThatThrownBy(() -> spool.append(Spool.CORRUPT, payload("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spool's own");
    }

    @Test
    void aSecondSpoolOnTheSameDirectoryIsRefused() throws Exception {
        open(SpoolConfig.DEFAULT);

        assertThatThrownBy(() -> Spool.open(dir, SpoolConfig.DEFAULT, clock, notices::add))
                .isInstanceOf(SpoolLockedException.class).hasMessageContaining("in use");
    }

    @Test
    void aClosedSpoolRefusesWork() throws Exception {
        open(SpoolConfig.DEFAULT);
        spool.close();

        assertThatThrownBy(() -> spool.append(OBS, payload("x"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void configurationsThatCannotHoldARecordAreRefused() {
        assertThatThrownBy(() -> new SpoolConfig(1 << 20, 1000, 1000, SyncPolicy.DEFAULT))
                .hasMessageContaining("must hold at least one record");
        assertThatThrownBy(() -> new SpoolConfig(1000, 4096, 100, SyncPolicy.DEFAULT))
                .hasMessageContaining("maxBytes (1000) must be at least segmentBytes (4096)");
        assertThatThrownBy(() -> SyncPolicy.batched(0, Duration.ZERO)).hasMessageContaining("maxRecords");
    }

    @Test
    void appendReturnsEmptyOnlyWhenItCountedADrop() throws Exception {
        open(small(4, 2, 1, SyncPolicy.everyAppend()));

        OptionalLong first = spool.append(OBS, payload("abcd"));
        spool.append(OBS, payload("abcd"));
        OptionalLong third = spool.append(OBS, payload("abcd"));

        assertThat(first).hasValue(1);
        assertThat(third).isEmpty();
        assertThat(spool.drops().count(OBS)).isEqualTo(1);
    }
}
