package io.capgate.agent.fleet.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.protocol.ProtectionState;
import io.capgate.model.protocol.ProtectionStatus;
import io.capgate.model.protocol.StatusReason;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reports go out at once when they must, coalesced when statuses churn, and never unchanged without a reason. */
class StatusReporterTest {

    private record Sent(long revision, List<ProtectionStatus> statuses) {
    }

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private volatile List<ProtectionStatus> supervision = List.of(status(1, ProtectionState.PROTECTED));
    private final StatusReporter reporter = new StatusReporter(executor, Clock.systemUTC(), Duration.ofHours(1),
            () -> supervision);

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    @Test
    void aBurstOfChangesIsOneReport() throws Exception {
        reporter.sendTo((revision, statuses) -> sent.add(new Sent(revision, statuses)));
        CountDownLatch hold = new CountDownLatch(1);
        executor.execute(() -> await(hold));
        for (int pid = 2; pid < 100; pid++) {
            supervision = List.of(status(pid, ProtectionState.PROTECTED));
            reporter.changed();
        }
        hold.countDown();
        drain();

        assertThat(sent).singleElement().satisfies(s -> assertThat(s.statuses()).containsExactly(
                status(99, ProtectionState.PROTECTED)));

        reporter.changed();
        drain();
        assertThat(sent).as("the next change waits the interval (an hour here)").hasSize(1);
    }

    @Test
    void anUnchangedStatusIsNotSentAgainButAssignmentsAndNewSessionsAlwaysAre() throws Exception {
        reporter.sendTo((revision, statuses) -> sent.add(new Sent(revision, statuses)));
        reporter.assignmentsApplied(4, List.of(new AssignmentVerifier.Refusal("svc-b", "v2",
                StatusReason.SIGNATURE_INVALID, "forged")));
        reporter.sessionOpened();
        StatusReporter fresh = new StatusReporter(executor, Clock.systemUTC(), Duration.ZERO, () -> supervision);
        List<Sent> other = new CopyOnWriteArrayList<>();
        fresh.sendTo((revision, statuses) -> other.add(new Sent(revision, statuses)));
        fresh.sessionOpened();
        fresh.changed();
        drain();

        assertThat(sent).hasSize(2).allSatisfy(s -> {
            assertThat(s.revision()).isEqualTo(4);
            assertThat(s.statuses()).containsExactly(status(1, ProtectionState.PROTECTED),
                    new ProtectionStatus("svc-b", 0, ProtectionState.NOT_PROTECTED, StatusReason.SIGNATURE_INVALID,
                            "forged"));
        });
        assertThat(other).as("the change left the statuses as sent").hasSize(1);
    }

    @Test
    void nothingIsSentAfterStop() throws Exception {
        reporter.sendTo((revision, statuses) -> sent.add(new Sent(revision, statuses)));
        reporter.stop();
        reporter.sessionOpened();
        reporter.changed();
        drain();
        assertThat(sent).isEmpty();
    }

    /** Runs everything the executor has due now. */
    private void drain() throws Exception {
        executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ProtectionStatus status(int pid, ProtectionState state) {
        return new ProtectionStatus("svc-a", pid, state, state == ProtectionState.PROTECTED ? StatusReason.NONE
                : StatusReason.NO_PROCESS, "");
    }
}
