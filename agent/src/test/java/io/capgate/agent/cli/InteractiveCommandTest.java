package io.capgate.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.capgate.agent.engine.EngineMode;
import io.capgate.agent.supervise.RunRequest;
import io.capgate.model.manifest.ManifestBuilder;
import io.capgate.model.manifest.ManifestBuilder.BuildOptions;
import io.capgate.model.manifest.ManifestWriter;
import io.capgate.model.trace.TraceFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InteractiveCommandTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    @Test
    void tracesBuildsAndRunsTheReplInLogMode() throws Exception {
        cli.supervisor.status = 0;
        cli.supervisor.violations = List.of(FakeSupervisor.aViolation());
        Path out = dir.resolve("session");

        assertThat(cli.execute("interactive", "--python", "/usr/bin/python3.11", "-o", out.toString())).isZero();

        assertThat(cli.supervisor.traces).singleElement().satisfies(request -> {
            assertThat(request.command()).containsExactly("/usr/bin/python3.11");
            assertThat(request.service()).isEqualTo("capgate-interactive");
        });
        var expected = ManifestBuilder.build(List.of(TraceFixtures.aTrace()), BuildOptions.of("capgate-interactive"));
        assertThat(Files.readString(out.resolve("trace.json"))).isEqualTo(TraceFixtures.A_TRACE_JSON);
        assertThat(Files.readString(out.resolve("manifest.yaml"))).isEqualTo(ManifestWriter.toYaml(expected));
        RunRequest run = cli.supervisor.runs.getFirst();
        assertThat(run.mode()).isEqualTo(EngineMode.LOG);
        assertThat(run.command()).containsExactly("/usr/bin/python3.11");
        assertThat(run.manifest()).isEqualTo(expected);
        assertThat(run.violationsFile()).isEqualTo(out.resolve("violations.jsonl"));

        assertThat(cli.out()).contains("Step 1/3: trace", "Step 2/3: build", "Step 3/3: run",
                "    service: capgate-interactive", "exited with status 0");
        assertThat(cli.err()).contains(FakeSupervisor.aViolation().oneLine());
    }

    @Test
    void exitsWithTheReplsStatus() {
        cli.supervisor.status = 137;
        assertThat(cli.execute("interactive", "-o", dir.resolve("s").toString())).isEqualTo(137);
        assertThat(cli.supervisor.traces.getFirst().command()).containsExactly("python3");
    }
}
