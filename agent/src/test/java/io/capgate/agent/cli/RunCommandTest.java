package io.capgate.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.capgate.agent.engine.EngineMode;
import io.capgate.agent.supervise.PreflightException;
import io.capgate.agent.supervise.RunRequest;
import io.capgate.model.manifest.ManifestFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();
    private Path manifest;

    @BeforeEach
    void writeManifest() throws Exception {
        manifest = Files.writeString(dir.resolve("m.yaml"), ManifestFixtures.A_MANIFEST_YAML);
    }

    @Test
    void aBadManifestPrintsEveryProblemAndStartsNothing() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), ManifestFixtures.A_MANIFEST_YAML
                .replace("python: \"3.11\"", "python: \"2.7\"")
                .replace("exec: [/usr/bin/git]", "exec: [git]"));

        int code = cli.execute("run", "--manifest", bad.toString(), "--on-violation", "kill", "--", "python3", "app.py");

        assertThat(code).isEqualTo(65);
        List<String> lines = cli.err().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches(java.util.regex.Pattern.quote(bad.toString()) + ":4:\\d+: .*2\\.7.*");
        assertThat(lines.get(1)).matches(java.util.regex.Pattern.quote(bad.toString()) + ":16:\\d+: .*git.*");
        assertThat(lines.get(2)).isEqualTo("capgate: " + bad + ": 2 problems (each listed above)");
        assertThat(cli.supervisor.runs).isEmpty();
    }

    @Test
    void aMissingManifestIsNoInput() {
        Path missing = dir.resolve("missing.yaml");
        assertThat(cli.execute("run", "--manifest", missing.toString(), "--", "python3")).isEqualTo(66);
        assertThat(cli.supervisor.runs).isEmpty();
    }

    @Test
    void passesModeAndFlagsAndExitsWithTheChildsStatus() {
        cli.supervisor.status = 137;
        Path violations = dir.resolve("v.jsonl");

        int code = cli.execute("run", "--manifest", manifest.toString(), "--on-violation", "kill",
                "--violations", violations.toString(), "--fail-closed", "--no-floor", "--app-root", "/srv/app",
                "--", "python3", "-m", "uvicorn", "app.main:app");

        assertThat(code).isEqualTo(137);
        RunRequest request = cli.supervisor.runs.getFirst();
        assertThat(request.manifest()).isEqualTo(ManifestFixtures.aManifest());
        assertThat(request.mode()).isEqualTo(EngineMode.KILL);
        assertThat(request.command()).containsExactly("python3", "-m", "uvicorn", "app.main:app");
        assertThat(request.pid()).isNull();
        assertThat(request.violationsFile()).isEqualTo(violations);
        assertThat(request.failClosed()).isTrue();
        assertThat(request.floor()).isFalse();
        assertThat(request.appRoot()).isEqualTo(Path.of("/srv/app"));
    }

    @Test
    void defaultsToLogWithTheFloorAndAttachesByPid() {
        assertThat(cli.execute("run", "--manifest", manifest.toString(), "--pid", "4242")).isZero();
        RunRequest request = cli.supervisor.runs.getFirst();
        assertThat(request.mode()).isEqualTo(EngineMode.LOG);
        assertThat(request.pid()).isEqualTo(4242);
        assertThat(request.command()).isEmpty();
        assertThat(request.violationsFile()).isNull();
        assertThat(request.failClosed()).isFalse();
        assertThat(request.floor()).isTrue();
        assertThat(request.appRoot()).isNull();
    }

    @Test
    void stopModeAndNoDoubleDash() {
        cli.supervisor.status = 3;
        assertThat(cli.execute("run", "--manifest", manifest.toString(), "--on-violation", "STOP", "python3",
                "app.py", "--on-violation", "kill")).isEqualTo(3);
        RunRequest request = cli.supervisor.runs.getFirst();
        assertThat(request.mode()).isEqualTo(EngineMode.STOP);
        assertThat(request.command()).containsExactly("python3", "app.py", "--on-violation", "kill");
    }

    @Test
    void printsEachDistinctViolationOnceOnStderr() {
        cli.supervisor.violations = List.of(FakeSupervisor.aViolation(), FakeSupervisor.aViolation());
        cli.supervisor.status = 137;
        assertThat(cli.execute("run", "--manifest", manifest.toString(), "--on-violation", "kill", "--",
                "python3")).isEqualTo(137);
        String line = FakeSupervisor.aViolation().oneLine();
        assertThat(line).isEqualTo("capgate: violation: module app.main made exec /bin/sh [pid 4242 tid 4243]"
                + " -> kill at /srv/app/app/main.py:backdoor:42");
        assertThat(cli.err()).isEqualTo(line + "\ncapgate: 2 violations reported (1 repeating one already shown)\n");
    }

    @Test
    void passesPythonThrough() {
        assertThat(cli.execute("run", "--manifest", manifest.toString(), "--python", "/usr/bin/python3.11", "--",
                "./launcher")).isZero();

        assertThat(cli.supervisor.runs.getFirst().python()).isEqualTo(Path.of("/usr/bin/python3.11"));
    }

    @Test
    void rejectsModesThatDoNotEnforce() {
        assertThat(cli.execute("run", "--manifest", manifest.toString(), "--on-violation", "trace", "--", "python3"))
                .isEqualTo(64);
        assertThat(cli.err()).startsWith("capgate: Invalid value for option '--on-violation': 'trace' does not"
                + " enforce; use log, stop or kill");
        assertThat(cli.execute("run", "--manifest", manifest.toString(), "--on-violation", "panic", "--", "python3"))
                .isEqualTo(64);
        assertThat(cli.err()).contains("unknown mode 'panic'; use log, stop or kill");
        assertThat(cli.supervisor.runs).isEmpty();
    }

    @Test
    void refusesConflictingOrMissingTargets() {
        assertThat(cli.execute("run", "--manifest", manifest.toString())).isEqualTo(64);
        assertThat(cli.execute("run", "--manifest", manifest.toString(), "--pid", "1", "--", "python3"))
                .isEqualTo(64);
        assertThat(cli.execute("run", "--", "python3")).isEqualTo(64);
        assertThat(cli.err()).contains("Missing required option: '--manifest=FILE'");
        assertThat(cli.supervisor.runs).isEmpty();
    }

    @Test
    void preflightFailuresKeepTheirExitCode() {
        cli.supervisor.failure = new PreflightException(PreflightException.EX_CONFIG, "no offsets for Python 3.13");
        assertThat(cli.execute("run", "--manifest", manifest.toString(), "--", "python3")).isEqualTo(78);
        assertThat(cli.err()).isEqualTo("capgate: no offsets for Python 3.13\n");
    }
}
