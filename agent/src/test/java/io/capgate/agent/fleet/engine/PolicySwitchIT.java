package io.capgate.agent.fleet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.discovery.MatcherSpec;
import io.capgate.agent.fleet.supervision.Assignment;
import io.capgate.agent.fleet.supervision.EngineSessions;
import io.capgate.agent.fleet.supervision.ServiceProcesses;
import io.capgate.agent.fleet.supervision.SessionBook;
import io.capgate.agent.fleet.supervision.SessionFailure;
import io.capgate.agent.fleet.supervision.SessionId;
import io.capgate.agent.fleet.supervision.SessionSpec;
import io.capgate.agent.fleet.supervision.SessionStartException;
import io.capgate.agent.fleet.supervision.SupervisionLoop;
import io.capgate.agent.fleet.supervision.SupervisionMode;
import io.capgate.model.protocol.ProtectionState;
import io.capgate.model.protocol.ProtectionStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest switch through the real planner and bpftrace: the new session attaches before the old one stops, so
 * every forbidden call is reported by one session or the other, and what only the new manifest allows stops being
 * reported once the old session is gone.
 */
class PolicySwitchIT {

    private static final String SERVICE = "svc";

    @TempDir
    static Path app;
    private final Recorder output = new Recorder();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final Map<SessionId, Long> ended = new ConcurrentHashMap<>();
    private final Map<SessionId, Long> attached = new ConcurrentHashMap<>();
    private final BpftraceEngineSessions engine = new BpftraceEngineSessions(output, Duration.ofSeconds(1),
            notices::add);
    private final SupervisionLoop loop = new SupervisionLoop(new Watching(),
            new SessionBook(Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofMinutes(1)), notices::add);

    @BeforeAll
    static void writeApp() throws Exception {
        Workload.requireKernel();
        Workload.writeApp(app);
    }

    @AfterEach
    void printNotices() {
        notices.forEach(n -> System.out.println("[policy-switch] " + n));
    }

    @Test
    void aManifestSwitchNeverLeavesTheProcessUnsupervised() throws Exception {
        try (Workload w = Workload.start(app, Workload.DEBIAN, "switch", "switching", 0)) {
            List<ProtectionStatus> seen = new CopyOnWriteArrayList<>();
            AtomicBoolean watching = new AtomicBoolean();
            loop.onStatusChange(() -> {
                if (watching.get()) {
                    seen.addAll(loop.statuses());
                }
            });
            loop.assign(Map.of(SERVICE, assignment("v1", "io")));
            loop.observed(new ServiceProcesses(Map.of(SERVICE, List.of(w.discovered())), Set.of()));
            Workload.await("v1 protects the process", () -> protectedBy("ALERT v1", w.pid()), 120);
            watching.set(true); // from here on, every status of the process must say protected
            w.go();
            Workload.await("v1 reports", () -> output.violations("worker", "umask") >= 30
                    && output.violations("worker", "newfstatat") >= 30, 30);

            long switchStart = System.nanoTime();
            loop.assign(Map.of(SERVICE, assignment("v2", "io, fs.read")));
            Workload.await("v2 protects the process", () -> protectedBy("ALERT v2", w.pid()), 120);
            SessionId old = new SessionId(1);
            Workload.await("the v1 session ended", () -> ended.containsKey(old), Workload.END_SECONDS);
            long switchMillis = TimeUnit.NANOSECONDS.toMillis(ended.get(old) - switchStart);
            long statsWhenV1Ended = output.violations("worker", "newfstatat");
            long umasksWhenV1Ended = output.violations("worker", "umask");
            Workload.await("v2 reports", () -> output.violations("worker", "umask") >= umasksWhenV1Ended + 50, 30);
            watching.set(false);
            w.finish();
            int iterations = w.reported();
            assertThat(w.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            loop.observed(ServiceProcesses.NONE); // what the next scan would find
            Workload.await("the v2 session ended with the process", () -> ended.containsKey(new SessionId(2)), Workload.END_SECONDS);

            // Each session reports every call it sees exactly once, over one unbroken stretch of the loop (from its
            // attach to its stop). The workload made one forbidden umask per iteration, the first after v1 attached
            // and the last while v2 was attached: the two stretches cover every iteration exactly when the reports
            // add up to at least the iterations (the overlap counts twice).
            assertThat(output.lost).hasValue(0);
            assertThat(output.violations("worker", "umask")).isGreaterThanOrEqualTo(iterations);
            assertThat(output.violations("worker", "newfstatat")).as("fs.read is allowed by v2")
                    .isEqualTo(statsWhenV1Ended);
            assertThat(seen).filteredOn(s -> s.pid() == w.pid()).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.state()).isEqualTo(ProtectionState.PROTECTED))
                    .anySatisfy(s -> assertThat(s.detail()).contains("previous policy ALERT v1"));
            notices.add("switch: v2 attached after " + TimeUnit.NANOSECONDS.toMillis(attached.get(new SessionId(2))
                    - switchStart) + " ms, v1 ended " + switchMillis + " ms after the new assignment; "
                    + iterations + " iterations, " + output.violations("worker", "umask") + " umask reports");
        }
    }

    private boolean protectedBy(String policy, int pid) {
        return loop.statuses().stream().anyMatch(s -> s.pid() == pid && s.state() == ProtectionState.PROTECTED
                && s.detail().equals(policy));
    }

    private static Assignment assignment(String version, String workerCapabilities) {
        return new Assignment(SERVICE, MatcherSpec.Executable.of(Workload.DEBIAN, "service"), SupervisionMode.ALERT,
                Optional.of(TestManifests.signed(version, workerCapabilities)));
    }

    /** The real engine, with the session events the test waits for recorded on their way to the loop. */
    private final class Watching implements EngineSessions {

        @Override
        public void start(SessionId id, SessionSpec spec, Listener listener) throws SessionStartException {
            engine.start(id, spec, new Listener() {
                @Override
                public void attached(SessionId s, Set<Integer> covered) {
                    attached.put(s, System.nanoTime());
                    listener.attached(s, covered);
                }

                @Override
                public void coverage(SessionId s, Set<Integer> covered) {
                    listener.coverage(s, covered);
                }

                @Override
                public void ended(SessionId s, Optional<SessionFailure> failure) {
                    ended.put(s, System.nanoTime());
                    listener.ended(s, failure);
                }
            });
        }

        @Override
        public void stop(SessionId id) {
            engine.stop(id);
        }
    }
}
