package io.capgate.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.capgate.model.manifest.ManifestFixtures;
import io.capgate.model.trace.TraceFixtures;
import io.capgate.model.trace.TraceJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();
    private Path manifest;

    @BeforeEach
    void writeManifest() throws Exception {
        manifest = Files.writeString(dir.resolve("m.yaml"), ManifestFixtures.A_MANIFEST_YAML);
    }

    private Path trace(io.capgate.model.trace.Trace trace) throws Exception {
        return Files.writeString(dir.resolve("t.json"), TraceJson.write(trace));
    }

    private Path compromised() throws Exception {
        return trace(TraceFixtures.trace()
                .module("app.main", TraceFixtures.module().syscall("openat", 4).syscall("connect", 2)
                        .syscall("socket", 1).exec("/bin/sh", 1))
                .build());
    }

    @Test
    void aCoveredTraceHasNoFindings() throws Exception {
        Path trace = trace(TraceFixtures.aTrace());
        assertThat(cli.execute("check", trace.toString(), "--manifest", manifest.toString())).isZero();
        assertThat(cli.out()).isEqualTo("no findings: " + manifest + " allows everything the trace observed\n");
    }

    @Test
    void findingsAreATableAndExitOne() throws Exception {
        Path trace = compromised();
        assertThat(cli.execute("check", trace.toString(), "--manifest", manifest.toString())).isEqualTo(1);
        assertThat(cli.out()).isEqualTo("""
                MODULE    KIND     NAME     COUNT
                app.main  syscall  connect      2
                app.main  syscall  socket       1
                app.main  exec     /bin/sh      1
                3 findings: these would have been violations under %s
                """.formatted(manifest));
    }

    @Test
    void findingsAsJson() throws Exception {
        Path trace = compromised();
        assertThat(cli.execute("check", "--json", trace.toString(), "--manifest", manifest.toString())).isEqualTo(1);
        assertThat(cli.out()).isEqualTo("{\"manifest\":\"" + manifest + "\",\"traces\":[\"" + trace + "\"],"
                + "\"count\":3,\"findings\":["
                + "{\"module\":\"app.main\",\"kind\":\"syscall\",\"name\":\"connect\",\"count\":2},"
                + "{\"module\":\"app.main\",\"kind\":\"syscall\",\"name\":\"socket\",\"count\":1},"
                + "{\"module\":\"app.main\",\"kind\":\"exec\",\"name\":\"/bin/sh\",\"count\":1}]}\n");

        assertThat(cli.execute("check", "--json", trace(TraceFixtures.aTrace()).toString(),
                "--manifest", manifest.toString())).isZero();
        assertThat(cli.out()).contains("\"count\":0,\"findings\":[]");
    }

    @Test
    void invalidInputsExit65() throws Exception {
        Path trace = trace(TraceFixtures.aTrace());
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: capgate.io/v1\nservice: x\n");
        assertThat(cli.execute("check", trace.toString(), "--manifest", bad.toString())).isEqualTo(65);
        assertThat(cli.err()).startsWith(bad + ":1:1: missing required key");

        Path aarch = Files.writeString(dir.resolve("a.json"), TraceJson.write(TraceFixtures.trace().arch("aarch64")
                .build()));
        Path other = Files.writeString(dir.resolve("b.json"), TraceFixtures.A_TRACE_JSON);
        assertThat(cli.execute("check", aarch.toString(), other.toString(), "--manifest", manifest.toString()))
                .isEqualTo(65);
        assertThat(cli.err()).startsWith("capgate: cannot check: cannot merge traces of different architecture");
    }

    @Test
    void warnsAboutLostEvents() throws Exception {
        Path trace = trace(TraceFixtures.trace().lostEvents(3).build());
        assertThat(cli.execute("check", trace.toString(), "--manifest", manifest.toString())).isZero();
        assertThat(cli.err()).contains("warning: the trace lost 3 events");
    }
}
