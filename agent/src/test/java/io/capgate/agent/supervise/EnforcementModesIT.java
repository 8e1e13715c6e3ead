package io.capgate.agent.supervise;

import io.capgate.agent.engine.EngineMode;
import io.capgate.agent.os.JnaProcesses;
import io.capgate.agent.os.Signal;
import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestBuilder;
import io.capgate.model.trace.Trace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** stop parks the offender before the syscall runs; 32-bit entry is a violation no manifest allows. */
class EnforcementModesIT {

    private static final String PYTHON = "/usr/bin/python3.11";

    @TempDir
    static Path app;

    @BeforeAll
    static void writeApp() throws Exception {
        KernelTests.require();
        Files.writeString(app.resolve("spawn.py"), """
                import os, sys
                os.stat("/tmp")
                if len(sys.argv) > 1:
                    os.system("touch " + sys.argv[1])
                """);
        Files.writeString(app.resolve("compat.py"), """
                import ctypes, mmap, sys
                buf = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
                buf.write(b"\\xb8\\x14\\x00\\x00\\x00\\xcd\\x80\\xc3")   # mov eax, 20 (i386 getpid); int 0x80; ret
                call = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.addressof(ctypes.c_char.from_buffer(buf)))
                if len(sys.argv) > 1:
                    print("getpid through int 0x80:", call())
                """);
    }

    @Test
    void stopParksTheProcessBeforeTheSyscallRuns() throws Exception {
        Manifest manifest = manifestOf("spawn.py");
        Path pwned = app.resolve("stopped-pwned");
        List<Violation> violations = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> call(() -> Supervisor.local().run(
                new RunRequest(manifest, EngineMode.STOP, List.of(PYTHON, app.resolve("spawn.py").toString(),
                        pwned.toString()), null, null, false, false, app, violations::add))));

        for (int i = 0; i < 300 && violations.isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.action()).isEqualTo("stop"));
        int pid = violations.get(0).pid();
        Thread.sleep(500);
        assertThat(state(pid)).as("stopped").isEqualTo('T');
        assertThat(pwned).doesNotExist();

        new JnaProcesses().kill(pid, Signal.SIGKILL);
        assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(137);
        assertThat(pwned).doesNotExist();
    }

    @Test
    void aThirtyTwoBitSyscallIsAViolationEvenForAModuleWithMemExec() throws Exception {
        Manifest manifest = manifestOf("compat.py");
        assertThat(manifest.module("compat").capabilities()).contains("mem.exec");
        List<Violation> violations = new CopyOnWriteArrayList<>();

        int status = Supervisor.local().run(new RunRequest(manifest, EngineMode.KILL,
                List.of(PYTHON, app.resolve("compat.py").toString(), "call"), null, null, false, false, app,
                violations::add));

        assertThat(status).isEqualTo(137);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo("compat");
            assertThat(v.module()).isEqualTo("compat");
        });
    }

    private static Manifest manifestOf(String script) throws Exception {
        Trace trace = Supervisor.local().trace(new TraceRequest(List.of(PYTHON, app.resolve(script).toString()),
                null, null, app, "modes", null));
        return ManifestBuilder.build(List.of(trace), new ManifestBuilder.BuildOptions("modes", null));
    }

    private static char state(int pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T call(Call<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
