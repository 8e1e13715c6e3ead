package io.capgate.agent.fleet.spool;

import static io.capgate.agent.fleet.spool.SpoolFixtures.OBS;
import static io.capgate.agent.fleet.spool.SpoolFixtures.payload;
import static io.capgate.agent.fleet.spool.SpoolFixtures.sequences;
import static io.capgate.agent.fleet.spool.SpoolFixtures.small;
import static io.capgate.agent.fleet.spool.SpoolFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.TestClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spool that is behind the portal's mark (wiped or restored) moves its unsent records past the mark. */
class SpoolResumeTest {

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

    private Spool open() throws Exception {
        // Four records per segment, so the moved records span several old and new segments.
        spool = Spool.open(dir, small(16, 4, 64, SyncPolicy.everyAppend()), clock, notices::add);
        return spool;
    }

    @Test
    void unsentRecordsMovePastThePortalsMarkInOrderAndLaterAppendsFollowThem() throws Exception {
        open();
        for (int i = 1; i <= 10; i++) {
            spool.append(OBS, payload("r" + i));
        }
        spool.acknowledge(3);

        assertThat(spool.resumeAfter(5_000)).isEqualTo(7);

        assertThat(spool.acknowledged()).isEqualTo(5_000);
        assertThat(spool.nextSequence()).isEqualTo(5_008);
        assertThat(spool.append(OBS, payload("new"))).hasValue(5_008);
        spool.sync();
        var records = spool.readFrom(1, 100);
        assertThat(sequences(records)).containsExactlyElementsOf(LongStream.rangeClosed(5_001, 5_008).boxed().toList());
        assertThat(records.stream().map(SpoolFixtures::text).toList())
                .containsExactly("r4", "r5", "r6", "r7", "r8", "r9", "r10", "new");
        assertThat(notices).anyMatch(n -> n.contains("had only assigned up to 10") && n.contains("7 unacknowledged"));
    }

    @Test
    void theMoveSurvivesAReopen() throws Exception {
        open();
        for (int i = 1; i <= 6; i++) {
            spool.append(OBS, payload("r" + i));
        }
        spool.resumeAfter(900);
        spool.close();

        open();
        assertThat(spool.acknowledged()).isEqualTo(900);
        assertThat(spool.nextSequence()).isEqualTo(907);
        assertThat(spool.readFrom(1, 100).stream().map(r -> r.sequence() + ":" + text(r)).toList())
                .containsExactly("901:r1", "902:r2", "903:r3", "904:r4", "905:r5", "906:r6");
        assertThat(spool.drops().isEmpty()).as("nothing counted as lost").isTrue();
    }

    @Test
    void anEmptySpoolJustContinuesAfterTheMark() throws Exception {
        open();
        assertThat(spool.resumeAfter(41)).isZero();
        assertThat(spool.append(OBS, payload("x"))).hasValue(42);
    }

    @Test
    void aMarkWithinWhatWasAssignedChangesNothing() throws Exception {
        open();
        for (int i = 1; i <= 5; i++) {
            spool.append(OBS, payload("r" + i));
        }
        assertThat(spool.resumeAfter(5)).isZero();
        assertThat(spool.resumeAfter(2)).isZero();
        assertThat(spool.acknowledged()).isZero();
        assertThat(spool.nextSequence()).isEqualTo(6);
    }
}
