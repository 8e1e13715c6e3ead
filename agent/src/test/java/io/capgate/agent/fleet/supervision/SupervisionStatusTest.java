package io.capgate.agent.fleet.supervision;

import static io.capgate.agent.fleet.supervision.SupervisionFixtures.BILLING;
import static io.capgate.agent.fleet.supervision.SupervisionFixtures.aProcess;
import static io.capgate.agent.fleet.supervision.SupervisionFixtures.anAssignment;
import static io.capgate.agent.fleet.supervision.SupervisionFixtures.assigned;
import static io.capgate.agent.fleet.supervision.SupervisionFixtures.found;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.TestClock;
import io.capgate.model.protocol.ProtectionState;
import io.capgate.model.protocol.ProtectionStatus;
import io.capgate.model.protocol.StatusReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the loop reports per service and process, and when it tells the daemon to resend it. */
class SupervisionStatusTest {

    private final TestClock clock = new TestClock();
    private final FakeEngineSessions engine = new FakeEngineSessions();
    private final List<String> notices = new ArrayList<>();
    private final SupervisionLoop loop = new SupervisionLoop(engine,
            new SessionBook(clock, Duration.ofSeconds(1), Duration.ofMinutes(1)), notices::add);
    private final Assignment v1 = anAssignment("mv-1", SupervisionMode.ALERT);
    private final Assignment v2 = anAssignment("mv-2", SupervisionMode.KILL);
    private final AtomicInteger changes = new AtomicInteger();

    {
        loop.onStatusChange(changes::incrementAndGet);
    }

    @Test
    void aServiceWithoutProcessesIsReportedAsAWholeWithNoProcess() {
        loop.assign(assigned(v1));

        assertThat(loop.statuses()).containsExactly(new ProtectionStatus(BILLING, 0, ProtectionState.NOT_PROTECTED,
                StatusReason.NO_PROCESS, "no running process matches the service"));
        assertThat(changes).hasValue(1);
    }

    @Test
    void aProcessIsProtectedOnceItsSessionAttachedAndAFollowedChildToo() {
        loop.assign(assigned(v1));
        loop.observed(found(aProcess(100)));
        assertThat(only(100).state()).isEqualTo(ProtectionState.NOT_PROTECTED);
        assertThat(only(100).detail()).contains("attaching");

        engine.attach(engine.last(), 100);
        assertThat(only(100).state()).isEqualTo(ProtectionState.PROTECTED);
        assertThat(only(100).reason()).isEqualTo(StatusReason.NONE);

        engine.coverage(engine.last(), 100, 101);
        loop.observed(found(aProcess(100), aProcess(101, 100)));
        assertThat(loop.statuses()).extracting(ProtectionStatus::pid, ProtectionStatus::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(100, ProtectionState.PROTECTED),
                        org.assertj.core.groups.Tuple.tuple(101, ProtectionState.PROTECTED));
    }

    @Test
    void aFailedSessionGivesItsReasonAndAServiceWideFailureAPidZeroEntry() {
        loop.assign(assigned(v1));
        loop.observed(found(aProcess(100), aProcess(200)));
        List<SessionId> ids = List.copyOf(engine.started.keySet());
        engine.fail(ids.get(0), StatusReason.UNSUPPORTED_INTERPRETER, "CPython 3.9 has no offsets");
        assertThat(status(100).reason()).isEqualTo(StatusReason.UNSUPPORTED_INTERPRETER);
        assertThat(status(100).detail()).isEqualTo("CPython 3.9 has no offsets");
        assertThat(loop.statuses()).noneMatch(s -> s.pid() == 0);

        engine.fail(ids.get(1), StatusReason.UNSUPPORTED_INTERPRETER, "CPython 3.9 has no offsets");
        assertThat(loop.statuses()).noneMatch(s -> s.pid() == 0); // per process: another process may be fine

        loop.assign(assigned(v2));
        for (SessionId id : List.copyOf(engine.started.keySet()).subList(2, 4)) {
            engine.fail(id, StatusReason.MANIFEST_INVALID, "manifest mv-2: bad");
        }
        assertThat(loop.statuses()).first().isEqualTo(new ProtectionStatus(BILLING, 0,
                ProtectionState.NOT_PROTECTED, StatusReason.MANIFEST_INVALID, "manifest mv-2: bad"));
        assertThat(loop.statuses()).hasSize(3);
    }

    @Test
    void aStartRefusedOutrightIsReportedWithItsReason() {
        engine.refuse = "bpftrace needs root";
        engine.refuseReason = StatusReason.NOT_ROOT;
        loop.assign(assigned(v1));
        loop.observed(found(aProcess(100)));

        assertThat(loop.statuses()).extracting(ProtectionStatus::pid, ProtectionStatus::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, StatusReason.NOT_ROOT),
                        org.assertj.core.groups.Tuple.tuple(100, StatusReason.NOT_ROOT));
    }

    @Test
    void duringASwitchTheOldSessionKeepsTheProcessProtectedAndSaysSo() {
        loop.assign(assigned(v1));
        loop.observed(found(aProcess(100)));
        SessionId old = engine.last();
        engine.attach(old, 100);

        loop.assign(assigned(v2));
        assertThat(only(100).state()).isEqualTo(ProtectionState.PROTECTED);
        assertThat(only(100).detail()).contains("previous policy ALERT mv-1").contains("KILL mv-2")
                .contains("attaching");

        engine.fail(engine.last(), StatusReason.BPFTRACE_FAILED, "bpftrace: verifier said no");
        assertThat(only(100).state()).isEqualTo(ProtectionState.PROTECTED);
        assertThat(only(100).detail()).contains("the new policy failed: BPFTRACE_FAILED: bpftrace: verifier said no");

        clock.advance(Duration.ofSeconds(1));
        loop.tick();
        engine.attach(engine.last(), 100);
        assertThat(only(100).detail()).isEqualTo("KILL mv-2");
        engine.end(old, null);
        assertThat(only(100).state()).isEqualTo(ProtectionState.PROTECTED);
    }

    @Test
    void listenersHearOfChangesOnlyAndOutsideTheLoopsLock() {
        List<List<ProtectionStatus>> seen = new ArrayList<>();
        loop.onStatusChange(() -> {
            assertThat(Thread.holdsLock(loop)).isFalse();
            seen.add(loop.statuses());
        });
        loop.assign(assigned(v1));
        loop.tick();
        loop.observed(found(aProcess(100)));
        loop.observed(found(aProcess(100)));
        engine.attach(engine.last(), 100);

        assertThat(seen).hasSize(3);
        assertThat(seen.getLast()).singleElement().extracting(ProtectionStatus::state)
                .isEqualTo(ProtectionState.PROTECTED);
    }

    @Test
    void anEngineReportingFromInsideStartNotifiesOnceWhenTheOuterCallReturns() {
        engine.attachAtOnce = true;
        loop.assign(assigned(v1));
        int before = changes.get();

        loop.observed(found(aProcess(100)));

        assertThat(changes.get() - before).isEqualTo(1);
        assertThat(only(100).state()).isEqualTo(ProtectionState.PROTECTED);
    }

    private ProtectionStatus only(int pid) {
        assertThat(loop.statuses()).hasSize(1);
        return status(pid);
    }

    private ProtectionStatus status(int pid) {
        return loop.statuses().stream().filter(s -> s.pid() == pid).findFirst().orElseThrow();
    }
}
