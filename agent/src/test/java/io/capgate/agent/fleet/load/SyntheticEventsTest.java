package io.capgate.agent.fleet.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.protocol.ObservationEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticEventsTest {

    @Test
    void aSampleStackGoesWithTheFirstEntryOfEachPairOnlyAsTheEngineSendsIt() {
        var events = new SyntheticEvents("7", 1_767_225_600_000L, false);
        List<ObservationEntry> entries = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            entries.addAll(events.batch(b, 1000).entries());
        }
        var seen = new HashSet<String>();
        for (ObservationEntry e : entries) {
            boolean first = seen.add(e.module() + ' ' + e.syscall());
            assertThat(e.sampleStack()).as("entry %s %s", e.module(), e.syscall()).hasSize(first ? 3 : 0);
        }
        assertThat(seen).hasSize(1400);
        assertThat(entries.stream().filter(e -> !e.sampleStack().isEmpty())).hasSize(1400);
    }

    @Test
    void theWorstCaseGivesEveryEntryAStack() {
        var events = new SyntheticEvents("7", 1_767_225_600_000L, true);
        assertThat(events.batch(0, 1000).entries()).allSatisfy(e -> assertThat(e.sampleStack()).hasSize(3));
        assertThat(events.batch(1, 1000).entries()).allSatisfy(e -> assertThat(e.sampleStack()).hasSize(3));
    }

    @Test
    void theFlagTakesNoValue() {
        var options = LoadOptions.parse(new String[] {"--state-dir", "/tmp/x", "--stack-every-entry", "--service",
            "7", "--observations", "10"});
        assertThat(options.stackEveryEntry()).isTrue();
        assertThat(options.serviceId()).isEqualTo("7");
        assertThat(options.observations()).isEqualTo(10);
        assertThat(LoadOptions.parse(new String[] {"--state-dir", "/tmp/x", "--service", "7"}).stackEveryEntry())
            .isFalse();
    }
}
