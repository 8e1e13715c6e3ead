package io.capgate.agent.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The baseline helper without a kernel: argument handling and the rendered program. */
class UsdtBaselineTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void programWatchesOnlyTheGivenProcess() {
        String program = UsdtBaseline.script(4242);

        assertThat(program)
                .contains("usdt:/usr/bin/python3.11:python:function__entry /pid == 4242/")
                .contains("usdt:/usr/bin/python3.11:python:function__return /pid == 4242/")
                .contains("tracepoint:raw_syscalls:sys_enter /pid == 4242/")
                .doesNotContain("{{");
    }

    @Test
    void scriptVerbWritesTheProgram() {
        Path out = dir.resolve("b.bt");

        assertThat(run("script", "17", out.toString())).isZero();
        assertThat(out).content().contains("/pid == 17/");
    }

    @Test
    void rejectsBadArguments() {
        assertThat(run("script", "x", dir.resolve("b.bt").toString())).isEqualTo(64);
        assertThat(run("arm", "17")).isEqualTo(64);
        assertThat(run("dance")).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a pid", "usage:");
    }

    @Test
    void armingAProcessThatDoesNotExistFails() {
        assertThat(run("arm", "999999999", "function__entry")).isEqualTo(70);
    }

    private int run(String... args) {
        return UsdtBaseline.run(List.of(args), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
