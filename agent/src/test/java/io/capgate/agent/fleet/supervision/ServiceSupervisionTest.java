package io.capgate.agent.fleet.supervision;

import static io.capgate.agent.fleet.supervision.SupervisionFixtures.BILLING;
import static io.capgate.agent.fleet.supervision.SupervisionFixtures.aProcess;
import static io.capgate.agent.fleet.supervision.SupervisionFixtures.anAssignment;
import static io.capgate.agent.fleet.supervision.SupervisionFixtures.assigned;
import static io.capgate.agent.fleet.supervision.SupervisionFixtures.attached;
import static io.capgate.agent.fleet.supervision.SupervisionFixtures.found;
import static io.capgate.agent.fleet.supervision.SupervisionFixtures.spec;
import static io.capgate.agent.fleet.supervision.SupervisionFixtures.starting;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.supervision.SupervisionPlan.Held;
import io.capgate.agent.fleet.supervision.SupervisionPlan.Reason;
import io.capgate.agent.fleet.supervision.SupervisionPlan.Stop;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The planning rules, one by one, on plain values. */
class ServiceSupervisionTest {

    private final ServiceSupervision planner = new ServiceSupervision();
    private final Assignment v1 = anAssignment("mv-1", SupervisionMode.KILL);
    private final Assignment v2 = anAssignment("mv-2", SupervisionMode.KILL);

    private SupervisionPlan plan(Assignment a, ServiceProcesses processes, SessionView... sessions) {
        return planner.plan(a == null ? Map.of() : assigned(a), processes, List.of(sessions), Set.of());
    }

    private static Stop stop(long id, Reason reason) {
        return new Stop(new SessionId(id), reason);
    }

    @Test
    void everyProcessOfANewAssignmentGetsASession() {
        SupervisionPlan plan = plan(v1, found(aProcess(100), aProcess(200)));

        assertThat(plan.start()).containsExactly(spec(v1, 100), spec(v1, 200));
        assertThat(plan.stop()).isEmpty();
    }

    @Test
    void aSessionStartingOrAttachedForAProcessIsNotStartedTwice() {
        SupervisionPlan plan = plan(v1, found(aProcess(100), aProcess(200)), starting(1, v1, 100),
                attached(2, v1, 200, 200));

        assertThat(plan.idle()).isTrue();
    }

    @Test
    void aChildForkedAfterAttachingIsCoveredByItsParentsSession() {
        SupervisionPlan plan = plan(v1, found(aProcess(100), aProcess(101, 100)), attached(1, v1, 100, 100, 101));

        assertThat(plan.idle()).isTrue();
    }

    @Test
    void aChildForkedBeforeAttachingNeedsItsOwnSession() {
        SupervisionPlan plan = plan(v1, found(aProcess(100), aProcess(101, 100)), attached(1, v1, 100, 100));

        assertThat(plan.start()).containsExactly(spec(v1, 101));
    }

    @Test
    void aNewPolicyStartsNewSessionsAndKeepsTheOldOnesUntilTheyAttach() {
        SessionView old = attached(1, v1, 100, 100);

        SupervisionPlan first = plan(v2, found(aProcess(100)), old);
        assertThat(first.start()).containsExactly(spec(v2, 100));
        assertThat(first.stop()).isEmpty();
        assertThat(first.held()).containsExactly(new Held(new SessionId(1), Set.of(100)));

        SupervisionPlan whileStarting = plan(v2, found(aProcess(100)), old, starting(2, v2, 100));
        assertThat(whileStarting.idle()).isTrue();

        SupervisionPlan once = plan(v2, found(aProcess(100)), old, attached(2, v2, 100, 100));
        assertThat(once.stop()).containsExactly(stop(1, Reason.REPLACED));
        assertThat(once.start()).isEmpty();
    }

    @Test
    void aModeChangeAloneIsANewPolicyToo() {
        Assignment alert = new Assignment(BILLING, v1.matcher(), SupervisionMode.ALERT, v1.manifest());

        SupervisionPlan plan = plan(alert, found(aProcess(100)), attached(1, v1, 100, 100));

        assertThat(plan.start()).containsExactly(spec(alert, 100));
        assertThat(plan.stop()).isEmpty();
    }

    @Test
    void theOldSessionStaysWhileAnyProcessItCoversLacksANewAttachedSession() {
        // the old session followed a worker forked after it attached; the new one, on the master, did not
        SessionView old = attached(1, v1, 100, 100, 101);
        SessionView newOnMaster = attached(2, v2, 100, 100);

        SupervisionPlan plan = plan(v2, found(aProcess(100), aProcess(101, 100)), old, newOnMaster);

        assertThat(plan.start()).containsExactly(spec(v2, 101));
        assertThat(plan.held()).containsExactly(new Held(new SessionId(1), Set.of(101)));
        assertThat(plan.stop()).isEmpty();

        SupervisionPlan done = plan(v2, found(aProcess(100), aProcess(101, 100)), old, newOnMaster,
                attached(3, v2, 101, 101));
        assertThat(done.stop()).containsExactly(stop(1, Reason.REPLACED));
    }

    @Test
    void anOldSessionThatNeverAttachedIsStoppedAtOnce() {
        SupervisionPlan plan = plan(v2, found(aProcess(100)), starting(1, v1, 100));

        assertThat(plan.stop()).containsExactly(stop(1, Reason.SUPERSEDED));
        assertThat(plan.start()).containsExactly(spec(v2, 100));
    }

    @Test
    void anOldSessionFollowingANonServiceProcessIsHeldUntilItExits() {
        // 300 is a shell the old session's process executed: no new session can attach to it
        SessionView old = attached(1, v1, 100, 100, 300);

        SupervisionPlan plan = plan(v2, found(aProcess(100)), old, attached(2, v2, 100, 100));

        assertThat(plan.stop()).isEmpty();
        assertThat(plan.held()).containsExactly(new Held(new SessionId(1), Set.of(300)));
    }

    @Test
    void anUnassignedServiceLosesItsSessionsAtOnce() {
        SupervisionPlan plan = plan(null, found(aProcess(100)), attached(1, v1, 100, 100), starting(2, v1, 200));

        assertThat(plan.stop()).containsExactly(stop(1, Reason.UNASSIGNED), stop(2, Reason.UNASSIGNED));
        assertThat(plan.start()).isEmpty();
    }

    @Test
    void sessionsWhoseProcessesAreGoneAreStopped() {
        SupervisionPlan plan = plan(v1, found(), attached(1, v1, 100), starting(2, v1, 200));

        assertThat(plan.stop()).containsExactly(stop(1, Reason.PROCESSES_GONE), stop(2, Reason.PROCESSES_GONE));
    }

    @Test
    void aSessionWhoseTargetExitedKeepsFollowingItsWorkers() {
        SupervisionPlan plan = plan(v1, found(aProcess(101, 1)), attached(1, v1, 100, 101));

        assertThat(plan.idle()).isTrue();
    }

    @Test
    void aSessionWhoseTargetNoLongerMatchesIsStopped() {
        SupervisionPlan plan = plan(v1, found(), attached(1, v1, 100, 100, 300));

        assertThat(plan.stop()).containsExactly(stop(1, Reason.NO_LONGER_MATCHING));
    }

    @Test
    void aProcessThatCouldNotBeInspectedKeepsItsSession() {
        ServiceProcesses unsure = new ServiceProcesses(Map.of(BILLING, List.of()), Set.of(100));

        assertThat(plan(v1, unsure, attached(1, v1, 100, 100)).idle()).isTrue();
        assertThat(plan(v1, unsure, starting(2, v1, 100)).idle()).isTrue();
    }

    @Test
    void aSessionWhoseTargetIsCoveredByTheParentsSessionIsRedundant() {
        // the scan saw the child before the engine reported following it, so it got a session of its own
        SupervisionPlan plan = plan(v1, found(aProcess(100), aProcess(101, 100)), attached(1, v1, 100, 100, 101),
                attached(2, v1, 101, 101));

        assertThat(plan.stop()).containsExactly(stop(2, Reason.REDUNDANT));
    }

    @Test
    void aFailedStartWaitsForItsBackoff() {
        SupervisionPlan plan = planner.plan(assigned(v1), found(aProcess(100), aProcess(200)), List.of(),
                Set.of(spec(v1, 100)));

        assertThat(plan.start()).containsExactly(spec(v1, 200));
        assertThat(plan.waiting()).containsExactly(spec(v1, 100));
    }

    @Test
    void stoppingSessionsAreLeftAlone() {
        SessionView stopping = new SessionView(new SessionId(1), spec(v1, 100), SessionView.State.STOPPING,
                Set.of(100));

        SupervisionPlan plan = plan(v1, found(aProcess(100)), stopping);

        assertThat(plan.start()).containsExactly(spec(v1, 100));
        assertThat(plan.stop()).isEmpty();
    }
}
