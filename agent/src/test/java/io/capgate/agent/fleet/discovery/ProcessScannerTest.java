package io.capgate.agent.fleet.discovery;

import static io.capgate.agent.fleet.discovery.FakeProc.pids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.agent.fleet.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans of a fake /proc tree: executables, symlinked interpreters, command lines and systemd cgroups. */
class ProcessScannerTest {

    @TempDir
    Path tmp;
    private FakeProc proc;
    private Path bin;
    private String python311;
    private ProcessScanner scanner;

    @BeforeEach
    void tree() throws Exception {
        proc = new FakeProc(Files.createDirectories(tmp.resolve("proc")));
        bin = FakeProc.interpreterTree(tmp.resolve("usr"));
        python311 = bin.resolve("python3.11").toString();
        scanner = new ProcessScanner(new LinuxProcessTable(proc.root), ProcessScanner.HOST_PATHS, new TestClock());
    }

    private List<DiscoveredProcess> scan(MatcherSpec spec) throws Exception {
        ScanResult result = scanner.scan(Map.of("svc", spec));
        assertThat(result.unreadable()).isZero();
        return result.processes("svc");
    }

    @Test
    void findsAProcessByItsExecutableAsTheKernelShowsIt() throws Exception {
        proc.process(100, python311, python311, "app.py").process(101, bin.resolve("bash").toString(), "bash");

        List<DiscoveredProcess> found = scan(MatcherSpec.Executable.of(python311, null));

        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(new ProcessId(100, 1100));
            assertThat(p.parentPid()).isEqualTo(1);
            assertThat(p.executable()).isEqualTo(Path.of(python311));
            assertThat(p.deleted()).isFalse();
            assertThat(p.commandLine()).containsExactly(python311, "app.py");
        });
    }

    @Test
    void aSymlinkedInterpreterPathFindsProcessesOfTheBinaryItPointsTo() throws Exception {
        // started as .../python3, the kernel shows the resolved python3.11
        proc.process(100, python311, bin.resolve("python3").toString(), "app.py");

        assertThat(pids(scan(MatcherSpec.Executable.of(bin.resolve("python3").toString(), null))))
                .containsExactly(100);
        assertThat(pids(scan(MatcherSpec.Executable.of(python311, null)))).containsExactly(100);
    }

    @Test
    void aDeletedExecutableStillMatchesAndIsFlagged() throws Exception {
        proc.process(100, python311 + " (deleted)", "python3", "app.py");

        assertThat(scan(MatcherSpec.Executable.of(python311, null))).singleElement().satisfies(p -> {
            assertThat(p.executable()).isEqualTo(Path.of(python311));
            assertThat(p.deleted()).isTrue();
        });
    }

    @Test
    void theArgumentPatternIsSearchedInTheWholeCommandLine() throws Exception {
        proc.process(100, python311, python311, "-m", "gunicorn", "billing.app:main")
                .process(101, python311, python311, "-m", "gunicorn", "search.app:main")
                .process(102, python311, "python3", "tools/billing_report.py");

        assertThat(pids(scan(MatcherSpec.Executable.of(python311, "billing\\.app")))).containsExactly(100);
        assertThat(pids(scan(MatcherSpec.Executable.of(python311, "-m gunicorn ")))).containsExactly(100, 101);
        assertThat(pids(scan(MatcherSpec.Executable.of(python311, "^python3 ")))).containsExactly(102);
        assertThat(scan(MatcherSpec.Executable.of(python311, "celery"))).isEmpty();
    }

    @Test
    void aSystemdUnitMatchesThroughTheProcessCgroup() throws Exception {
        proc.process(100, python311, "python3", "billing.py").cgroup(100, "0::/system.slice/billing.service")
                .process(101, python311, "python3", "worker.py")
                .cgroup(101, "0::/system.slice/billing.service/workers")
                .process(102, python311, "python3", "other.py").cgroup(102, "0::/system.slice/billing-v2.service")
                .process(103, python311, "python3", "v1.py")
                .cgroup(103, "12:pids:/", "1:name=systemd:/system.slice/billing.service");

        assertThat(pids(scan(new MatcherSpec.SystemdUnit("billing")))).containsExactly(100, 101, 103);
        assertThat(pids(scan(new MatcherSpec.SystemdUnit("billing.service")))).containsExactly(100, 101, 103);
        assertThat(pids(scan(new MatcherSpec.SystemdUnit("billing-v2.service")))).containsExactly(102);
        assertThat(scan(new MatcherSpec.SystemdUnit("bill"))).isEmpty();
    }

    @Test
    void kernelThreadsAndProcessesThatExitDuringTheScanAreLeftOut() throws Exception {
        proc.kernelThread(2).process(100, python311, "python3", "a.py").process(101, python311, "python3", "b.py");
        Files.delete(proc.root.resolve("101/stat")); // exited between listing and reading

        assertThat(pids(scan(MatcherSpec.Executable.of(python311, null)))).containsExactly(100);
    }

    @Test
    void aProcessThatCannotBeParsedIsCountedNotHidden() throws Exception {
        proc.process(100, python311, "python3", "a.py").write(100, "stat", "100 (python3) S");

        ScanResult result = scanner.scan(Map.of("svc", MatcherSpec.Executable.of(python311, null)));

        assertThat(result.processes("svc")).isEmpty();
        assertThat(result.unreadable()).isEqualTo(1);
        assertThat(result.problems()).singleElement().asString().contains("pid 100", "expected at least 22 fields");
    }

    @Test
    void oneProcessCanBelongToSeveralServices() throws Exception {
        proc.process(100, python311, "python3", "app.py").cgroup(100, "0::/system.slice/app.service");

        ScanResult result = scanner.scan(Map.of("by-exe", MatcherSpec.Executable.of(python311, "app"),
                "by-unit", new MatcherSpec.SystemdUnit("app")));

        assertThat(pids(result.processes("by-exe"))).containsExactly(100);
        assertThat(pids(result.processes("by-unit"))).containsExactly(100);
    }

    @Test
    void specsAreCheckedWithClearMessages() {
        assertThatThrownBy(() -> MatcherSpec.Executable.of("python3", null))
                .hasMessageContaining("must be absolute and normalized");
        assertThatThrownBy(() -> MatcherSpec.Executable.of("/usr/bin/../bin/python3", null))
                .hasMessageContaining("must be absolute and normalized");
        assertThatThrownBy(() -> MatcherSpec.Executable.of("/usr/bin/python3", "app(")).hasMessageContaining(
                "argument pattern does not compile");
        assertThatThrownBy(() -> new MatcherSpec.SystemdUnit("../etc")).hasMessageContaining("not a systemd unit");
        assertThat(new MatcherSpec.SystemdUnit("sync.scope").unit()).isEqualTo("sync.scope");
    }

    @Test
    void statSurvivesACommandNameWithSpacesAndParentheses() throws Exception {
        proc.process(100, 55, 987654321L, python311, "python3");

        assertThat(new LinuxProcessTable(proc.root).stat(100)).isEqualTo(new ProcessTable.Stat(55, 987654321L));
    }
}
