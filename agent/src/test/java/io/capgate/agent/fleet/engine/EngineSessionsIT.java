package io.capgate.agent.fleet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.supervision.Policy;
import io.capgate.agent.fleet.supervision.SessionId;
import io.capgate.agent.fleet.supervision.SessionSpec;
import io.capgate.agent.fleet.supervision.SessionStartException;
import io.capgate.agent.fleet.supervision.SupervisionMode;
import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.StatusReason;
import io.capgate.model.protocol.Violation;
import io.capgate.model.protocol.ViolationAction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine sessions on the real kernel: observation windows, violations exactly once, per-session stop. */
class EngineSessionsIT {

    private static final String SERVICE = "svc";

    @TempDir
    static Path app;
    private final Recorder recorder = new Recorder();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final BpftraceEngineSessions sessions = new BpftraceEngineSessions(recorder, Duration.ofSeconds(1),
            notices::add);

    @org.junit.jupiter.api.AfterEach
    void printNotices() {
        // The engine's notices and the measured numbers, for the test log.
        notices.forEach(n -> System.out.println("[engine-sessions] " + n));
    }

    @BeforeAll
    static void writeApp() throws Exception {
        Workload.requireKernel();
        Workload.writeApp(app);
    }

    @Test
    void anObserveSessionStreamsWindowsWithCountsAndAFirstSeenSampleStack() throws Exception {
        int k = 500;
        try (Workload w = Workload.start(app, Workload.PYENV, "observe", "ppids", k)) {
            SessionId id = new SessionId(1);
            long t0 = System.nanoTime();
            sessions.start(id, new SessionSpec(SERVICE, w.id(), new Policy(Optional.empty(), SupervisionMode.OBSERVE)),
                    recorder);
            Workload.await("attached", () -> recorder.attachedAt.containsKey(id), 120);
            notices.add("observe attach took " + TimeUnit.NANOSECONDS.toMillis(recorder.attachedAt.get(id) - t0)
                    + " ms");
            w.go();
            w.reported();

            // While the process still runs: windows stream, they do not wait for the end.
            Workload.await("a window with the workload's calls", () -> recorder.observed("worker", "getppid") >= k, 30);
            assertThat(recorder.ended).doesNotContainKey(id);
            ObservationEntry first = recorder.windows.stream().flatMap(List::stream)
                    .filter(e -> e.module().equals("worker") && e.syscall().equals("getppid")).findFirst().orElseThrow();
            assertThat(first.serviceId()).isEqualTo(SERVICE);
            assertThat(first.sampleStack()).isNotEmpty();
            assertThat(first.sampleStack().getFirst().file()).endsWith("worker/__init__.py");
            assertThat(first.sampleStack().getFirst().function()).isEqualTo("ppids");
            assertThat(first.sampleStack().getFirst().line()).isEqualTo(4);
            assertThat(first.lastSeenMillis()).isGreaterThanOrEqualTo(first.firstSeenMillis());
            // Only the first window that reports a pair carries its stack.
            assertThat(recorder.windows.stream().flatMap(List::stream)
                    .filter(e -> e.module().equals("worker") && e.syscall().equals("getppid"))
                    .filter(e -> !e.sampleStack().isEmpty())).hasSize(1);

            sessions.stop(id);
            Workload.await("the session ended", () -> recorder.ended.containsKey(id), Workload.END_SECONDS);
            assertThat(recorder.ended.get(id)).isEmpty();
            assertThat(w.process.isAlive()).as("a stopped observe session leaves the process running").isTrue();
            assertThat(recorder.observed("worker", "getppid")).isBetween((long) k, (long) k + 5);
            notices.add("observe windows: " + recorder.windows.size());
        }
    }

    @Test
    void aKillSessionKillsOnAForbiddenSyscallAndDeliversTheViolationWithItsStack() throws Exception {
        try (Workload w = Workload.start(app, Workload.DEBIAN, "kill", "umasks", 3)) {
            SessionId id = new SessionId(2);
            sessions.start(id, spec(w, SupervisionMode.KILL, "io"), recorder);
            Workload.await("attached", () -> recorder.attachedAt.containsKey(id), 120);
            w.go();

            assertThat(w.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(w.process.exitValue()).isEqualTo(137);
            long killed = System.nanoTime();
            Workload.await("the session ended", () -> recorder.ended.containsKey(id), Workload.END_SECONDS);
            notices.add("kill: the session ended " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed)
                    + " ms after the process died");
            assertThat(recorder.ended.get(id)).isEmpty();
            assertThat(recorder.violations).filteredOn(v -> v.module().equals("worker")).singleElement()
                    .satisfies(v -> {
                        assertThat(v.syscall()).isEqualTo("umask");
                        assertThat(v.syscallNumber()).isEqualTo(95);
                        assertThat(v.action()).isEqualTo(ViolationAction.KILLED);
                        assertThat(v.pid()).isEqualTo(w.pid());
                        assertThat(v.requestId()).isZero();
                        assertThat(v.sequence()).isEqualTo(1);
                        assertThat(v.stack().getFirst().file()).endsWith("worker/__init__.py");
                        assertThat(v.stack().getFirst().function()).isEqualTo("umasks");
                        assertThat(v.stack()).extracting(s -> s.function()).contains("<module>");
                    });
        }
    }

    @Test
    void anAlertSessionDeliversExactlyOneViolationPerForbiddenSyscall() throws Exception {
        int n = 300;
        try (Workload w = Workload.start(app, Workload.DEBIAN, "alert", "umasks", n)) {
            SessionId id = new SessionId(3);
            sessions.start(id, spec(w, SupervisionMode.ALERT, "io"), recorder);
            Workload.await("attached", () -> recorder.attachedAt.containsKey(id), 120);
            w.go();
            assertThat(w.reported()).isEqualTo(n);
            w.finish();
            assertThat(w.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(w.process.exitValue()).as("alert lets the process run").isZero();

            Workload.await("the session ended with the process", () -> recorder.ended.containsKey(id), Workload.END_SECONDS);
            assertThat(recorder.lost).hasValue(0);
            assertThat(recorder.violations("worker", "umask")).isEqualTo(n);
            assertThat(recorder.violations).allSatisfy(v -> assertThat(v.action()).isEqualTo(ViolationAction.ALERTED));
        }
    }

    @Test
    void stoppingOneSessionLeavesAnotherOnTheSameProcessEnforcing() throws Exception {
        try (Workload w = Workload.start(app, Workload.DEBIAN, "two", "switching", 0)) {
            SessionId a = new SessionId(4);
            SessionId b = new SessionId(5);
            sessions.start(a, spec(w, SupervisionMode.ALERT, "io"), recorder);
            sessions.start(b, spec(w, SupervisionMode.ALERT, "io, fs.read"), recorder);
            Workload.await("both attached", () -> recorder.attachedAt.containsKey(a)
                    && recorder.attachedAt.containsKey(b), 120);
            w.go();
            // Only session a reports the worker's stat calls: its manifest does not grant fs.read.
            Workload.await("both report", () -> recorder.violations("worker", "newfstatat") >= 10
                    && recorder.violations("worker", "umask") >= 20, 30);

            sessions.stop(a);
            Workload.await("a ended", () -> recorder.ended.containsKey(a), Workload.END_SECONDS);
            long statsAfterStop = recorder.violations("worker", "newfstatat");
            long umasksAfterStop = recorder.violations("worker", "umask");
            Workload.await("b still reports", () -> recorder.violations("worker", "umask") >= umasksAfterStop + 30, 30);

            assertThat(recorder.violations("worker", "newfstatat")).isEqualTo(statsAfterStop);
            assertThat(recorder.ended).doesNotContainKey(b);
            w.finish();
            assertThat(w.process.waitFor(30, TimeUnit.SECONDS)).as("the workload exits").isTrue();
            Workload.await("b ended with the process", () -> recorder.ended.containsKey(b), Workload.END_SECONDS);
            assertThat(recorder.ended.get(a)).isEmpty();
            assertThat(recorder.ended.get(b)).isEmpty();
        }
    }

    @Test
    void anUnusableManifestIsRefusedBeforeAnythingStarts() throws Exception {
        byte[] bad = "apiVersion: capgate.io/v1\nservice: x\narch: x86_64\npython: \"3.11\"\nmodules:\n  app:\n    syscalls: [opne]\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SessionSpec spec = new SessionSpec(SERVICE, new io.capgate.agent.fleet.discovery.ProcessId(1, 0),
                new Policy(Optional.of(TestManifests.sign("bad", bad)), SupervisionMode.KILL));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sessions.start(new SessionId(6), spec, recorder))
                .isInstanceOfSatisfying(SessionStartException.class, e -> {
                    assertThat(e.failure().reason()).isEqualTo(StatusReason.MANIFEST_INVALID);
                    assertThat(e.failure().detail()).contains("opne");
                });
    }

    @Test
    void aReusedPidIsNotAttachedTo() throws Exception {
        try (Workload w = Workload.start(app, Workload.DEBIAN, "reused", "ppids", 1)) {
            SessionId id = new SessionId(7);
            var stale = new io.capgate.agent.fleet.discovery.ProcessId(w.pid(), w.id().startTicks() + 1);
            sessions.start(id, new SessionSpec(SERVICE, stale, new Policy(Optional.empty(), SupervisionMode.OBSERVE)),
                    recorder);

            Workload.await("the session ended", () -> recorder.ended.containsKey(id), Workload.END_SECONDS);
            assertThat(recorder.ended.get(id)).hasValueSatisfying(f -> assertThat(f.reason())
                    .isEqualTo(StatusReason.NO_PROCESS));
            assertThat(recorder.attachedAt).doesNotContainKey(id);
        }
    }

    private static SessionSpec spec(Workload w, SupervisionMode mode, String workerCapabilities) throws Exception {
        return new SessionSpec(SERVICE, w.id(), new Policy(Optional.of(TestManifests.signed(mode + "-"
                + workerCapabilities.replace(", ", "-"), workerCapabilities)), mode));
    }

    static List<Violation> of(List<Violation> all, String module, String syscall) {
        return all.stream().filter(v -> v.module().equals(module) && v.syscall().equals(syscall)).toList();
    }
}
