package io.capgate.agent.supervise;

import io.capgate.agent.engine.EngineMode;
import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestBuilder;
import io.capgate.model.manifest.ResolvedPolicy;
import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.SyscallTable;
import io.capgate.model.trace.Trace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seccomp floor on the real kernel with the real engine: a script traced without writes, then run in kill
 * mode with and without the floor.
 */
class SeccompFloorIT {

    private static final String PYTHON = "/usr/bin/python3.11";

    @TempDir
    static Path app;

    private static Manifest manifest;

    @BeforeAll
    static void traceTheScript() throws Exception {
        KernelTests.require();
        // Every mode does the same imports and setup; only the last call differs. "trace" stops before it.
        Files.writeString(app.resolve("floor.py"), """
                import ctypes, errno, sys
                mode, target = sys.argv[1], sys.argv[2]
                libc = ctypes.CDLL(None, use_errno=True)
                buf = ctypes.create_string_buffer(120)
                with open(__file__) as f:
                    f.read()
                if mode == "write":
                    try:
                        open(target, "w")
                    except OSError as e:
                        print(errno.errorcode[e.errno])
                        sys.exit(3 if e.errno == errno.EPERM else 4)
                elif mode == "uring":
                    if libc.syscall(425, 1, buf) == -1:
                        e = ctypes.get_errno()
                        print(errno.errorcode[e])
                        sys.exit(3 if e == errno.EPERM else 4)
                print("done")
                """);
        Trace trace = Supervisor.local().trace(new TraceRequest(command("trace", app.resolve("unused")), null,
                null, app, "floor", null));
        manifest = ManifestBuilder.build(List.of(trace), ManifestBuilder.BuildOptions.of("floor"));
        SyscallTable table = SyscallTable.of(Arch.host());
        ResolvedPolicy policy = ResolvedPolicy.resolve(manifest, Arch.host());
        // The premise: nothing in the manifest writes files or sets up io_uring.
        assertThat(policy.union().get(table.index("openat:write"))).isFalse();
        assertThat(policy.union().get(table.index("io_uring_setup"))).isFalse();
    }

    private static List<String> command(String mode, Path target) {
        return List.of(PYTHON, app.resolve("floor.py").toString(), mode, target.toString());
    }

    private static int run(List<String> command, boolean floor, List<Violation> violations) throws Exception {
        return Supervisor.local().run(new RunRequest(manifest, EngineMode.KILL, command, null, null, false, floor,
                app, violations::add));
    }

    @Test
    void theTracedBehaviourRunsUnchangedUnderTheFloor() throws Exception {
        List<Violation> violations = new ArrayList<>();

        int status = run(command("trace", app.resolve("unused")), true, violations);

        assertThat(status).isZero();
        assertThat(violations).isEmpty();
    }

    @Test
    void withTheFloorAWriteOpenNeverRunsAndKillStillApplies() throws Exception {
        Path target = app.resolve("floor-written");
        List<Violation> violations = new ArrayList<>();

        int status = run(command("write", target), true, violations);

        assertThat(status).isEqualTo(137);
        assertThat(target).as("refused before it ran: not even an empty file").doesNotExist();
        // Seccomp refuses the call before raw_syscalls:sys_enter fires; the engine reports it from sys_exit.
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo("floor");
            assertThat(v.action()).isEqualTo("kill");
            assertThat(v.syscall()).isIn("openat:write", "open:write");
            assertThat(v.stack()).isNotEmpty();
        });
    }

    @Test
    void underStopTheProcessResumesToFindEperm() throws Exception {
        Path target = app.resolve("stopped-written");
        List<Violation> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<Integer> status = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return Supervisor.local().run(new RunRequest(manifest, EngineMode.STOP, command("write", target),
                                null, null, false, true, app, violations::add));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        for (int i = 0; i < 300 && violations.isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo("floor");
            assertThat(v.action()).isEqualTo("stop");
        });
        Thread.sleep(300);
        new io.capgate.agent.os.JnaProcesses().kill(violations.get(0).pid(), io.capgate.agent.os.Signal.SIGCONT);

        assertThat(status.get(30, java.util.concurrent.TimeUnit.SECONDS)).as("the script saw EPERM").isEqualTo(3);
        assertThat(target).doesNotExist();
    }

    @Test
    void withoutTheFloorKillAloneLeavesTheCreatedFileBehind() throws Exception {
        Path target = app.resolve("killed-written");
        List<Violation> violations = new ArrayList<>();

        int status = run(command("write", target), false, violations);

        assertThat(status).isEqualTo(137);
        assertThat(violations).extracting(Violation::syscall).containsExactly("openat:write");
        // The known limitation the floor exists for: SIGKILL sent at sys_enter lands on the way back to user
        // space, after openat(O_CREAT) has created the file. It is empty, but it exists.
        assertThat(target).exists().isEmptyFile();
    }

    @Test
    void withTheFloorIoUringSetupNeverRuns() throws Exception {
        List<Violation> violations = new ArrayList<>();

        int status = run(command("uring", app.resolve("unused")), true, violations);

        assertThat(status).isEqualTo(137);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo("floor");
            assertThat(v.syscall()).isEqualTo("io_uring_setup");
        });
    }

    @Test
    void withoutTheFloorIoUringSetupIsKilled() throws Exception {
        List<Violation> violations = new ArrayList<>();

        int status = run(command("uring", app.resolve("unused")), false, violations);

        assertThat(status).isEqualTo(137);
        assertThat(violations).extracting(Violation::syscall).containsExactly("io_uring_setup");
    }
}
