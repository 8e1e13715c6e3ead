package io.capgate.agent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The packaged CLI refuses clearly, with its documented exit codes, before anything is supervised. */
class CliRefusalIT {

    private static final Path JAR = Path.of("target/capgate-agent.jar").toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path tmp;

    @Test
    void anInterpreterWithoutKnownOffsetsIsRefusedWith78() throws Exception {
        Path python = Path.of("/root/.pyenv/versions/3.12.1/bin/python3.12");
        assumeThat(Files.isExecutable(python)).as("a CPython 3.12 to refuse").isTrue();
        Result r = cli(List.of(), "trace", "-o", tmp.resolve("t.json").toString(), "--", python.toString(), "-c", "pass");

        assertThat(r.status).isEqualTo(78);
        assertThat(r.err).contains("3.12").contains("python3.12-dev");
        assertThat(tmp.resolve("t.json")).doesNotExist();
    }

    @Test
    void withoutRootItSaysSoAndExits77() throws Exception {
        Path copy = tmp.resolve("capgate.jar");
        Files.copy(JAR, copy);
        tmp.toFile().setExecutable(true, false);
        tmp.toFile().setReadable(true, false);
        copy.toFile().setReadable(true, false);
        Result r = cli(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"), copy,
                "trace", "-o", "/tmp/never.json", "--", "/usr/bin/python3.11", "-c", "pass");

        assertThat(r.status).isEqualTo(77);
        assertThat(r.err).contains("root");
    }

    @Test
    void withoutBpftraceItSaysSoAndExits69() throws Exception {
        Result r = cliWithPath("/nonexistent", "trace", "-o", tmp.resolve("t.json").toString(), "--",
                "/usr/bin/python3.11", "-c", "pass");

        assertThat(r.status).isEqualTo(69);
        assertThat(r.err).contains("bpftrace");
    }

    @Test
    void aBadManifestIsRefusedWithItsPositionAndNothingRuns() throws Exception {
        Path manifest = tmp.resolve("m.yaml");
        Files.writeString(manifest, "apiVersion: capgate.io/v1\nservice: x\narch: x86_64\npython: \"3.11\"\n"
                + "modules:\n  app:\n    syscalls: [opne]\n");
        Path marker = tmp.resolve("ran");
        Result r = cli(List.of(), "run", "--manifest", manifest.toString(), "--", "/usr/bin/python3.11", "-c",
                "open('" + marker + "', 'w')");

        assertThat(r.status).isEqualTo(65);
        assertThat(r.err).contains("m.yaml:7:").contains("opne").contains("open");
        assertThat(marker).doesNotExist();
    }

    private record Result(int status, String err) {
    }

    private Result cli(List<String> prefix, String... args) throws Exception {
        return cli(prefix, JAR, args);
    }

    private Result cli(List<String> prefix, Path jar, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(JAVA, "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return exec(new ProcessBuilder(cmd));
    }

    private Result cliWithPath(String path, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PATH", path);
        return exec(pb);
    }

    private Result exec(ProcessBuilder pb) throws Exception {
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), err);
    }
}
