package io.capgate.agent.fleet.supervision;

import static io.capgate.agent.fleet.supervision.SupervisionFixtures.BILLING;
import static io.capgate.agent.fleet.supervision.SupervisionFixtures.aProcess;
import static io.capgate.agent.fleet.supervision.SupervisionFixtures.anAssignment;
import static io.capgate.agent.fleet.supervision.SupervisionFixtures.assigned;
import static io.capgate.agent.fleet.supervision.SupervisionFixtures.found;
import static io.capgate.agent.fleet.supervision.SupervisionFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The loop applies plans through the engine and re-plans on every report, so replacements happen on their own. */
class SupervisionLoopTest {

    private final TestClock clock = new TestClock();
    private final FakeEngineSessions engine = new FakeEngineSessions();
    private final List<String> notices = new ArrayList<>();
    private final SupervisionLoop loop = new SupervisionLoop(engine,
            new SessionBook(clock, Duration.ofSeconds(1), Duration.ofMinutes(1)), notices::add);
    private final Assignment v1 = anAssignment("mv-1", SupervisionMode.KILL);
    private final Assignment v2 = anAssignment("mv-2", SupervisionMode.KILL);

    @Test
    void aNewManifestReplacesTheSessionOnlyOnceTheNewOneAttached() {
        loop.assign(assigned(v1));
        loop.observed(found(aProcess(100)));
        SessionId first = engine.last();
        engine.attach(first, 100);
        assertThat(engine.started).containsExactly(Map.entry(first, spec(v1, 100)));

        loop.assign(assigned(v2));
        SessionId second = engine.last();
        assertThat(engine.started.get(second)).isEqualTo(spec(v2, 100));
        assertThat(engine.stopped).isEmpty(); // both run: no gap

        engine.attach(second, 100);
        assertThat(engine.stopped).containsExactly(first);
        assertThat(notices).contains("stopping " + first + ": REPLACED");

        engine.end(first, null);
        loop.tick();
        assertThat(engine.started).hasSize(2);
        assertThat(engine.stopped).containsExactly(first);
    }

    @Test
    void aNewPolicyThatCannotAttachLeavesTheOldOneEnforcingAndRetriesWithBackoff() {
        loop.assign(assigned(v1));
        loop.observed(found(aProcess(100)));
        SessionId old = engine.last();
        engine.attach(old, 100);

        loop.assign(assigned(v2));
        SessionId failing = engine.last();
        engine.end(failing, "bpftrace: attach failed");

        assertThat(engine.stopped).isEmpty();
        assertThat(engine.started).hasSize(2);
        assertThat(loop.lastPlan().waiting()).containsExactly(spec(v2, 100));
        assertThat(loop.lastPlan().held()).extracting(SupervisionPlan.Held::id).containsExactly(old);

        clock.advance(Duration.ofMillis(999));
        loop.tick();
        assertThat(engine.started).hasSize(2);

        clock.advance(Duration.ofMillis(1));
        loop.tick();
        assertThat(engine.started).hasSize(3);
        engine.end(engine.last(), "again");
        clock.advance(Duration.ofSeconds(1));
        loop.tick();
        assertThat(engine.started).hasSize(3); // the second failure waits twice as long
        clock.advance(Duration.ofSeconds(1));
        loop.tick();
        assertThat(engine.started).hasSize(4);
    }

    @Test
    void aStartRefusedOutrightIsBackedOffToo() {
        engine.refuse = "tracefs unavailable";
        loop.assign(assigned(v1));
        loop.observed(found(aProcess(100)));

        assertThat(notices).anyMatch(n -> n.contains("cannot supervise billing pid 100: tracefs unavailable"));
        assertThat(loop.lastPlan().waiting()).containsExactly(spec(v1, 100));

        engine.refuse = null;
        clock.advance(Duration.ofSeconds(1));
        loop.tick();
        assertThat(engine.started.values()).containsExactly(spec(v1, 100));
    }

    @Test
    void anEngineThatAttachesInsideStartIsHandled() {
        engine.attachAtOnce = true;
        loop.assign(assigned(v1));
        loop.observed(found(aProcess(100)));

        loop.assign(assigned(v2));

        assertThat(engine.started).hasSize(2);
        assertThat(engine.stopped).containsExactly(new SessionId(1));
    }

    @Test
    void unassigningStopsEverythingAndTheWatcherIsToldWhatToMatch() {
        loop.assign(assigned(v1));
        assertThat(loop.matchers()).containsOnlyKeys(BILLING);
        loop.observed(found(aProcess(100), aProcess(200)));
        engine.started.keySet().forEach(id -> engine.attach(id, (int) id.value() * 100));

        loop.assign(Map.of());

        assertThat(engine.stopped).containsExactlyInAnyOrder(new SessionId(1), new SessionId(2));
        assertThat(loop.matchers()).isEmpty();
    }
}
