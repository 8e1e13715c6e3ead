package io.capgate.agent.fleet.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.protocol.Framing;
import io.capgate.model.protocol.Limits;
import io.capgate.model.protocol.MessageEncoder;
import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.ProtocolFixtures;
import io.capgate.model.protocol.StackFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Batches stay under the frame limit and the entry limit, and keep every entry in order. */
class ObservationBatcherTest {

    @Test
    void largeEntriesAreCutIntoFramesUnderTheLimitWithoutLosingOne() {
        List<ObservationEntry> entries = entries(3000, 40);
        ObservationBatcher.Cut cut = new ObservationBatcher(Framing.MAX_FRAME_BYTES).cut(entries);

        assertThat(cut.oversize()).isZero();
        assertThat(cut.batches()).hasSizeGreaterThan(1).allSatisfy(b ->
                assertThat(MessageEncoder.frameLength(b)).isLessThanOrEqualTo(Framing.MAX_FRAME_BYTES));
        assertThat(cut.batches().stream().flatMap(b -> b.entries().stream()).toList()).isEqualTo(entries);
        ObservationBatch first = cut.batches().get(0);
        assertThat(MessageEncoder.frameLength(first)).as("filled, not cut early")
                .isGreaterThan(Framing.MAX_FRAME_BYTES - 4 * MessageEncoder.frameLength(
                        new ObservationBatch(0, 1, List.of(entries.get(0)))));
    }

    @Test
    void smallEntriesStopAtTheProtocolsEntryLimit() {
        List<ObservationEntry> entries = entries(Limits.MAX_LIST_ENTRIES + 10, 0);
        ObservationBatcher.Cut cut = new ObservationBatcher(Framing.MAX_FRAME_BYTES).cut(entries);

        assertThat(cut.batches()).extracting(b -> b.entries().size())
                .containsExactly(Limits.MAX_LIST_ENTRIES, 10);
    }

    @Test
    void anEntryOverTheLimitAloneIsCountedNotSent() {
        List<ObservationEntry> entries = entries(3, 0);
        entries.add(1, entries(1, 100).get(0));
        int limit = MessageEncoder.frameLength(new ObservationBatch(0, 1, entries.subList(0, 1))) * 3;

        ObservationBatcher.Cut cut = new ObservationBatcher(limit).cut(entries);

        assertThat(cut.oversize()).isOne();
        assertThat(cut.batches()).flatExtracting(ObservationBatch::entries).hasSize(3);
    }

    @Test
    void nothingIsNoBatch() {
        assertThat(new ObservationBatcher(Framing.MAX_FRAME_BYTES).cut(List.of()).batches()).isEmpty();
    }

    private static List<ObservationEntry> entries(int n, int stackFrames) {
        List<StackFrame> stack = Collections.nCopies(stackFrames, new StackFrame(
                "/srv/app/" + "x".repeat(200) + ".py", "handler_" + "y".repeat(100), 42));
        List<ObservationEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(new ObservationEntry(ProtocolFixtures.SERVICE_ID, "app.module" + i, "openat",
                    Optional.empty(), i + 1, ProtocolFixtures.NOW_MILLIS, ProtocolFixtures.NOW_MILLIS, stack));
        }
        return entries;
    }
}
