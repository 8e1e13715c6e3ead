package io.capgate.agent.supervise;

import io.capgate.agent.engine.EngineMode;
import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestBuilder;
import io.capgate.model.trace.Trace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine on the real kernel: real bpftrace, real CPython 3.11 builds of this machine. */
class EngineIT {

    private static final String DEBIAN_PYTHON = "/usr/bin/python3.11";
    private static final String PYENV_PYTHON = "/root/.pyenv/versions/3.11.7/bin/python3.11";

    @TempDir
    static Path app;

    @BeforeAll
    static void writeApp() throws Exception {
        KernelTests.require();
        Files.createDirectories(app.resolve("pkga"));
        Files.createDirectories(app.resolve("pkgb"));
        Files.writeString(app.resolve("pkga/__init__.py"), """
                import socket, time
                def run(n):
                    for _ in range(n):
                        s = socket.socket()
                        try:
                            s.connect(("127.0.0.1", 9))
                        except OSError:
                            pass
                        s.close()
                        time.sleep(0.005)
                """);
        Files.writeString(app.resolve("pkgb/__init__.py"), """
                import os, time
                def run(n):
                    for _ in range(n):
                        os.stat("/tmp")
                        time.sleep(0.005)
                """);
        Files.writeString(app.resolve("threads.py"), """
                import threading, pkga, pkgb
                a = threading.Thread(target=pkga.run, args=(40,))
                b = threading.Thread(target=pkgb.run, args=(40,))
                a.start(); b.start(); a.join(); b.join()
                """);
        Files.writeString(app.resolve("spawn.py"), """
                import os, sys
                os.stat("/tmp")
                if len(sys.argv) > 2:
                    os.system("touch " + sys.argv[2])
                """);
    }

    @Test
    void twoThreadsInTwoPackagesAreAttributedSeparately() throws Exception {
        Trace trace = trace(DEBIAN_PYTHON, "threads.py");

        assertThat(trace.modules()).containsKeys("pkga", "pkgb", "threads", "<interpreter>");
        assertThat(trace.modules().get("pkga").syscalls()).containsKeys("socket", "connect");
        assertThat(trace.modules().get("pkgb").syscalls()).containsKey("newfstatat").doesNotContainKey("connect");
        assertThat(trace.modules().get("pkgb").syscalls().get("newfstatat")).isGreaterThanOrEqualTo(40);
    }

    @Test
    void interpreterWithoutUsdtIsTracedToo() throws Exception {
        Trace trace = trace(PYENV_PYTHON, "threads.py");

        assertThat(trace.python()).startsWith("3.11.7");
        assertThat(trace.modules().get("pkga").syscalls()).containsKey("connect");
        assertThat(trace.modules().get("pkgb").syscalls()).doesNotContainKey("connect");
    }

    @Test
    void killStopsAShellCommandBeforeAnyChildExists() throws Exception {
        Path pwned = app.resolve("pwned");
        Trace trace = trace(DEBIAN_PYTHON, "spawn.py");
        Manifest manifest = ManifestBuilder.build(List.of(trace), new ManifestBuilder.BuildOptions("spawn", null));
        List<Violation> violations = new ArrayList<>();

        int status = Supervisor.local().run(new RunRequest(manifest, EngineMode.KILL,
                List.of(DEBIAN_PYTHON, app.resolve("spawn.py").toString(), "x", pwned.toString()), null, null,
                false, false, app, violations::add));

        assertThat(status).isEqualTo(137);
        assertThat(pwned).doesNotExist();
        assertThat(violations).hasSize(1);
        Violation v = violations.get(0);
        assertThat(v.module()).isEqualTo("spawn");
        assertThat(v.syscall()).isIn("clone3", "clone", "vfork");
        assertThat(v.action()).isEqualTo("kill");
        assertThat(v.stack()).first().satisfies(f -> {
            assertThat(f.file()).endsWith("spawn.py");
            assertThat(f.function()).isEqualTo("<module>");
            assertThat(f.firstLine()).isEqualTo(1);
            assertThat(f.line()).as("the os.system line").isEqualTo(4);
        });
    }

    @Test
    void logModeLetsTheProgramFinish() throws Exception {
        Path marker = app.resolve("logged");
        Trace trace = trace(DEBIAN_PYTHON, "spawn.py");
        Manifest manifest = ManifestBuilder.build(List.of(trace), new ManifestBuilder.BuildOptions("spawn", null));
        List<Violation> violations = new ArrayList<>();

        int status = Supervisor.local().run(new RunRequest(manifest, EngineMode.LOG,
                List.of(DEBIAN_PYTHON, app.resolve("spawn.py").toString(), "x", marker.toString()), null, null,
                false, false, app, violations::add));

        assertThat(status).isZero();
        assertThat(marker).exists();
        assertThat(violations).extracting(Violation::module).contains("spawn");
    }

    private static Trace trace(String python, String script) throws Exception {
        return Supervisor.local().trace(new TraceRequest(List.of(python, app.resolve(script).toString()), null,
                null, app, "test", null));
    }
}
