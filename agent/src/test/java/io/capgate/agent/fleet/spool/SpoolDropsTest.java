package io.capgate.agent.fleet.spool;

import static io.capgate.agent.fleet.spool.SpoolFixtures.OBS;
import static io.capgate.agent.fleet.spool.SpoolFixtures.VIOLATION;
import static io.capgate.agent.fleet.spool.SpoolFixtures.payload;
import static io.capgate.agent.fleet.spool.SpoolFixtures.sequences;
import static io.capgate.agent.fleet.spool.SpoolFixtures.small;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.agent.fleet.TestClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full spool counts what it cannot keep, per category, and keeps the counts across restarts. */
class SpoolDropsTest {

    /** Two segments of three 8-byte records: six records fit. */
    private static final SpoolConfig FULL_AT_6 = small(8, 3, 2, SyncPolicy.everyAppend());

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock();
    private final List<String> notices = new ArrayList<>();

    private Spool open(SpoolConfig config) throws IOException {
        return Spool.open(dir, config, clock, notices::add);
    }

    private static void append(Spool spool, String category, int n) {
        for (int i = 0; i < n; i++) {
            spool.append(category, payload("12345678"));
        }
    }

    @Test
    void aFullSpoolCountsDropsPerCategoryWithTheirTimes() throws Exception {
        try (Spool spool = open(FULL_AT_6)) {
            append(spool, OBS, 6);
            Instant firstDrop = clock.instant().plusSeconds(5);
            clock.advance(Duration.ofSeconds(5));

            assertThat(spool.append(OBS, payload("12345678"))).isEmpty();
            append(spool, OBS, 2);
            clock.advance(Duration.ofSeconds(1));
            assertThat(spool.append(VIOLATION, payload("12345678"))).isEmpty();

            DropSnapshot drops = spool.drops();
            assertThat(drops.counts()).containsExactly(Map.entry(OBS, 3L), Map.entry(VIOLATION, 1L));
            assertThat(drops.total()).isEqualTo(4);
            assertThat(drops.firstDrop()).isEqualTo(firstDrop);
            assertThat(drops.lastDrop()).isEqualTo(firstDrop.plusSeconds(1));
            assertThat(spool.nextSequence()).isEqualTo(7);
        }
    }

    @Test
    void droppedRecordsTakeNoSequenceSoTheStreamHasNoGaps() throws Exception {
        try (Spool spool = open(FULL_AT_6)) {
            append(spool, OBS, 8);
            spool.acknowledge(3); // frees the first segment

            assertThat(spool.append(OBS, payload("12345678"))).hasValue(7);
            assertThat(sequences(spool.readFrom(1, 10))).containsExactly(4L, 5L, 6L, 7L);
            assertThat(spool.drops().count(OBS)).isEqualTo(2);
        }
    }

    @Test
    void dropCountsSurviveARestart() throws Exception {
        Instant dropAt;
        try (Spool spool = open(FULL_AT_6)) {
            append(spool, OBS, 6);
            dropAt = clock.instant();
            append(spool, VIOLATION, 2);
        }

        try (Spool spool = open(FULL_AT_6)) {
            DropSnapshot drops = spool.drops();
            assertThat(drops.counts()).containsExactly(Map.entry(VIOLATION, 2L));
            assertThat(drops.firstDrop()).isEqualTo(dropAt);
        }
    }

    @Test
    void dropsCountedOutsideTheSpoolAreKeptAndReportedLikeItsOwn() throws Exception {
        try (Spool spool = open(FULL_AT_6)) {
            spool.countDropped("svc-a/kernel-lost", 17);
            spool.countDropped("svc-a/kernel-lost", 0);
            spool.countDropped("svc-a/observation", 3);
            assertThatThrownBy(() -> spool.countDropped("svc-a/observation", -1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> spool.countDropped("not a category", 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        try (Spool spool = open(FULL_AT_6)) {
            assertThat(spool.drops().counts()).containsOnly(Map.entry("svc-a/kernel-lost", 17L),
                    Map.entry("svc-a/observation", 3L));
        }
    }

    @Test
    void batchedDropCountsArePersistedWithTheNextSync() throws Exception {
        SpoolConfig batched = FULL_AT_6.withSync(SyncPolicy.batched(100, Duration.ofMillis(200)));
        try (Spool spool = open(batched)) {
            append(spool, OBS, 7);
            clock.advance(Duration.ofMillis(200));
            spool.syncIfDue();
            // simulate a crash: the files are as they were after the sync; a second open must see the drop
            try (Spool sameDir = openIgnoringLock(batched)) {
                assertThat(sameDir.drops().count(OBS)).isEqualTo(1);
            }
        }
    }

    @Test
    void clearingReportedDropsKeepsDropsCountedSinceTheReport() throws Exception {
        try (Spool spool = open(FULL_AT_6)) {
            append(spool, OBS, 6 + 3);
            DropSnapshot reported = spool.drops();
            clock.advance(Duration.ofSeconds(1));
            append(spool, OBS, 1);
            append(spool, VIOLATION, 1);

            spool.clearReportedDrops(reported);

            DropSnapshot left = spool.drops();
            assertThat(left.counts()).containsExactly(Map.entry(OBS, 1L), Map.entry(VIOLATION, 1L));
            assertThat(left.firstDrop()).isEqualTo(reported.lastDrop());
            spool.clearReportedDrops(left);
            assertThat(spool.drops()).isEqualTo(DropSnapshot.NONE);
        }
        try (Spool spool = open(FULL_AT_6)) {
            assertThat(spool.drops().isEmpty()).isTrue();
        }
    }

    /**
     * Opens a second spool on the same files, as a restarted agent would after a crash. The lock belongs to the
     * first spool of this JVM, so the copy is made in a sibling directory.
     */
    private Spool openIgnoringLock(SpoolConfig config) throws IOException {
        Path copy = dir.resolveSibling(dir.getFileName() + "-after-crash");
        java.nio.file.Files.createDirectories(copy);
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("lock")) {
                    java.nio.file.Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        return Spool.open(copy, config, clock, notices::add);
    }
}
