package io.capgate.agent.fleet.discovery;

import static io.capgate.agent.fleet.discovery.FakeProc.pids;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Successive scans of a fake /proc, driven by a hand-ticked scheduler: no sleeping. */
class ProcessWatcherTest {

    private static final Duration EVERY = Duration.ofSeconds(2);

    @TempDir
    Path tmp;
    private FakeProc proc;
    private String python;
    private final TestClock clock = new TestClock();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<ProcessChanges> reports = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private ProcessWatcher watcher;

    @BeforeEach
    void setUp() throws Exception {
        proc = new FakeProc(Files.createDirectories(tmp.resolve("proc")));
        python = FakeProc.interpreterTree(tmp.resolve("usr")).resolve("python3.11").toString();
        ProcessScanner scanner = new ProcessScanner(new LinuxProcessTable(proc.root), ProcessScanner.HOST_PATHS,
                clock);
        watcher = new ProcessWatcher(scanner, scheduler, EVERY, reports::add, notices::add);
        watcher.watch(Map.of("billing", MatcherSpec.Executable.of(python, "billing")));
    }

    private ProcessChanges.ServiceChanges tick() {
        clock.advance(EVERY);
        int before = reports.size();
        scheduler.tick();
        assertThat(reports).hasSize(before + 1);
        return reports.get(before).service("billing");
    }

    @Test
    void reportsProcessesAsTheyAppearAndGo() {
        proc.process(100, python, "python3", "billing.py");
        watcher.start();
        assertThat(scheduler.intervals).containsExactly(EVERY);

        ProcessChanges.ServiceChanges first = tick();
        assertThat(pids(first.appeared())).containsExactly(100);
        assertThat(first.gone()).isEmpty();
        assertThat(reports.get(0).at()).isEqualTo(clock.instant());

        proc.process(101, python, "python3", "billing.py", "--worker");
        ProcessChanges.ServiceChanges second = tick();
        assertThat(pids(second.appeared())).containsExactly(101);
        assertThat(pids(second.current())).containsExactly(100, 101);

        proc.exit(100);
        ProcessChanges.ServiceChanges third = tick();
        assertThat(third.appeared()).isEmpty();
        assertThat(third.gone()).containsExactly(new ProcessId(100, 1100));

        assertThat(tick().any()).isFalse();
    }

    @Test
    void aReusedPidIsAnotherProcess() {
        proc.process(100, 1, 5000, python, "python3", "billing.py");
        watcher.start();
        tick();

        proc.exit(100).process(100, 1, 9000, python, "python3", "billing.py");
        ProcessChanges.ServiceChanges changes = tick();

        assertThat(changes.gone()).containsExactly(new ProcessId(100, 5000));
        assertThat(changes.appeared()).extracting(DiscoveredProcess::id).containsExactly(new ProcessId(100, 9000));
    }

    @Test
    void processesOfAServiceNoLongerWatchedAreGone() {
        proc.process(100, python, "python3", "billing.py");
        watcher.start();
        tick();

        watcher.watch(Map.of());
        ProcessChanges.ServiceChanges changes = tick();

        assertThat(changes.gone()).containsExactly(new ProcessId(100, 1100));
        assertThat(reports.get(1).services()).containsOnlyKeys("billing");
        assertThat(reports.get(1).any()).isTrue();
        tick();
        assertThat(reports.get(2).services()).isEmpty();
    }

    @Test
    void aChangedMatcherAppliesAtTheNextScan() {
        proc.process(100, python, "python3", "billing.py").process(101, python, "python3", "search.py");
        watcher.start();
        tick();

        watcher.watch(Map.of("billing", MatcherSpec.Executable.of(python, "search")));
        ProcessChanges.ServiceChanges changes = tick();

        assertThat(pids(changes.appeared())).containsExactly(101);
        assertThat(changes.gone()).containsExactly(new ProcessId(100, 1100));
    }

    @Test
    void aFailedScanChangesNothingAndIsReported() throws IOException {
        proc.process(100, python, "python3", "billing.py");
        watcher.start();
        tick();
        Path moved = Files.move(proc.root, tmp.resolve("proc-away"));

        clock.advance(EVERY);
        assertThat(watcher.poll()).isEmpty();
        assertThat(reports).hasSize(1);
        assertThat(notices).singleElement().asString().startsWith("process scan failed");

        Files.move(moved, proc.root);
        assertThat(tick().any()).isFalse(); // the process was never reported gone
    }

    @Test
    void unreadableProcessesAreReportedWhenTheirCountChanges() {
        proc.process(100, python, "python3", "billing.py").write(100, "stat", "garbage");
        watcher.start();

        tick();
        tick();

        assertThat(notices).singleElement().asString().startsWith("1 processes could not be inspected");
    }

    @Test
    void aFailingListenerDoesNotEndTheSchedule() {
        ProcessScanner scanner = new ProcessScanner(new LinuxProcessTable(proc.root), ProcessScanner.HOST_PATHS,
                clock);
        List<ProcessChanges> seen = new ArrayList<>();
        try (ProcessWatcher failing = new ProcessWatcher(scanner, scheduler, EVERY, c -> {
            seen.add(c);
            throw new IllegalStateException("listener bug");
        }, notices::add)) {
            failing.start();
            scheduler.tick();
            scheduler.tick();

            assertThat(seen).hasSize(2);
            assertThat(notices).hasSize(2).allSatisfy(n -> assertThat(n).contains("listener bug"));
        }
        assertThat(scheduler.scheduled()).isZero();
    }

    @Test
    void theExecutorSchedulerRunsTheTaskRepeatedly() throws Exception {
        java.util.concurrent.ScheduledExecutorService executor =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            java.util.concurrent.CountDownLatch runs = new java.util.concurrent.CountDownLatch(3);
            Scheduler.Cancellable handle = Scheduler.of(executor).every(Duration.ofMillis(1), runs::countDown);

            assertThat(runs.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            handle.close();
            executor.shutdown();
            assertThat(executor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            executor.shutdownNow();
        }
    }
}
