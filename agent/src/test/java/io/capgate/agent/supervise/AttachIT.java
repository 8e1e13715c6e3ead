package io.capgate.agent.supervise;

import io.capgate.agent.engine.EngineMode;
import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestBuilder;
import io.capgate.model.trace.Trace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Attaching to an interpreter that is already running (no USDT, no semaphores needed). */
class AttachIT {

    @TempDir
    static Path app;
    private Process running;

    @BeforeAll
    static void writeApp() throws Exception {
        KernelTests.require();
        Files.createDirectories(app.resolve("worker"));
        Files.writeString(app.resolve("worker/__init__.py"), """
                import os, time
                def wait_for(path):
                    while not os.path.exists(path):
                        time.sleep(0.05)
                def work(n, spawn):
                    for _ in range(n):
                        os.stat("/tmp")
                    if spawn:
                        os.system("touch " + spawn)
                """);
        Files.writeString(app.resolve("service.py"), """
                import sys, worker
                open(sys.argv[1] + ".started", "w").close()
                worker.wait_for(sys.argv[1])
                worker.work(100, sys.argv[2] if len(sys.argv) > 2 else None)
                """);
    }

    @AfterEach
    void stop() {
        if (running != null) {
            running.destroyForcibly();
        }
    }

    @Test
    void tracesARunningProcessFromTheMomentItAttaches() throws Exception {
        Path go = app.resolve("go-trace");
        running = start("/root/.pyenv/versions/3.11.7/bin/python3.11", go);

        Trace trace = attachTrace(go);

        assertThat(trace.modules().get("worker").syscalls().get("newfstatat")).isGreaterThanOrEqualTo(100);
        assertThat(trace.command()).isEmpty();
    }

    @Test
    void killsARunningProcessOnAViolation() throws Exception {
        Path goTrace = app.resolve("go-1");
        running = start("/usr/bin/python3.11", goTrace);
        Manifest manifest = ManifestBuilder.build(List.of(attachTrace(goTrace)),
                new ManifestBuilder.BuildOptions("svc", null));

        Path go = app.resolve("go-2");
        Path pwned = app.resolve("pwned");
        running = start("/usr/bin/python3.11", go, pwned.toString());
        List<Violation> violations = new ArrayList<>();
        Integer status = Supervisor.local().run(new RunRequest(manifest, EngineMode.KILL, List.of(),
                (int) running.pid(), null, false, false, app, violations::add, () -> release(go)));

        assertThat(status).isEqualTo(137);
        assertThat(running.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(running.exitValue()).isEqualTo(137);
        assertThat(pwned).doesNotExist();
        assertThat(violations).extracting(Violation::module).containsOnly("worker");
    }

    private Process start(String python, Path go, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(python, app.resolve("service.py").toString(), go.toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).directory(app.toFile()).inheritIO().start();
        Path started = Path.of(go + ".started");
        for (int i = 0; i < 200 && !Files.exists(started); i++) {
            Thread.sleep(50);
        }
        assertThat(started).as("the service started").exists();
        return p;
    }

    private Trace attachTrace(Path go) throws Exception {
        return Supervisor.local().trace(new TraceRequest(List.of(), (int) running.pid(), null, app, "svc", null,
                () -> release(go)));
    }

    private static void release(Path go) {
        try {
            Files.writeString(go, "go");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
