package io.capgate.agent.supervise;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The launcher stub's side of the floor, without the engine: the gate carries the filter, the stub installs it
 * (no_new_privs, PR_SET_SECCOMP) and executes, or refuses to run the command. Needs only a CPython and a kernel
 * with seccomp filters, not root.
 */
class SeccompStubTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3.11");
    /** getppid on x86_64 and aarch64. */
    private static final int GETPPID = System.getProperty("os.arch").equals("aarch64") ? 173 : 110;

    @TempDir
    Path dir;

    @BeforeAll
    static void needPython() {
        assumeTrue(Files.isExecutable(PYTHON), "needs " + PYTHON);
    }

    /** Denies getppid with EPERM, allows everything else (arch not checked: a stub-only test). */
    private static byte[] denyGetppid() {
        return SeccompFloor.encode(List.of(
                SeccompInsn.load(SeccompFloor.OFF_NR),
                SeccompInsn.jump(SeccompInsn.JEQ_K, GETPPID, 0, 1),
                SeccompInsn.ret(SeccompFloor.RET_EPERM),
                SeccompInsn.ret(SeccompFloor.RET_ALLOW)));
    }

    private int run(Optional<byte[]> floor, String... command) throws Exception {
        try (Launcher launcher = Launcher.start(PYTHON, List.of(command))) {
            launcher.open(floor);
            Process p = launcher.process();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return p.exitValue();
        }
    }

    @Test
    void theCommandRunsUnderTheFilterWithNoNewPrivs() throws Exception {
        Path out = dir.resolve("out");
        String script = """
                import ctypes, sys
                libc = ctypes.CDLL(None, use_errno=True)
                r = libc.syscall(%d)
                status = open('/proc/self/status').read()
                seccomp = [l.split()[1] for l in status.splitlines() if l.startswith(('Seccomp:', 'NoNewPrivs:'))]
                open(sys.argv[1], 'w').write('%%d %%d %%s' %% (r, ctypes.get_errno(), ' '.join(seccomp)))
                """.formatted(GETPPID);

        int status = run(Optional.of(denyGetppid()), "python3.11", "-c", script, out.toString());

        assertThat(status).isZero();
        // getppid failed with EPERM; NoNewPrivs 1, Seccomp 2 (filter mode).
        assertThat(Files.readString(out)).isEqualTo("-1 1 1 2");
    }

    @Test
    void withoutAFloorNothingIsInstalled() throws Exception {
        Path out = dir.resolve("out");
        String script = """
                import sys
                status = open('/proc/self/status').read()
                open(sys.argv[1], 'w').write(' '.join(
                    l.split()[1] for l in status.splitlines() if l.startswith(('Seccomp:', 'NoNewPrivs:'))))
                sys.exit(5)
                """;

        int status = run(Optional.empty(), PYTHON.toString(), "-c", script, out.toString());

        assertThat(status).isEqualTo(5);
        assertThat(Files.readString(out)).isEqualTo("0 0");
    }

    @Test
    void aFilterTheKernelRejectsStopsTheCommandFromRunning() throws Exception {
        Path marker = dir.resolve("ran");
        // A program whose last instruction is not a ret: PR_SET_SECCOMP fails with EINVAL.
        byte[] broken = SeccompFloor.encode(List.of(SeccompInsn.load(0)));

        int status = run(Optional.of(broken), "touch", marker.toString());

        assertThat(status).isEqualTo(71);
        assertThat(marker).doesNotExist();
    }

    @Test
    void aMissingProgramIsReportedBeforeTheFilter() throws Exception {
        assertThat(run(Optional.of(denyGetppid()), "capgate-no-such-program")).isEqualTo(127);
        assertThat(run(Optional.of(denyGetppid()), dir.resolve("nope").toString())).isEqualTo(127);
    }

    @Test
    void theGateAcceptsOnlyWholeFilters() throws Exception {
        try (Launcher launcher = Launcher.start(PYTHON, List.of("true"))) {
            assertThatThrownBy(() -> launcher.open(Optional.of(new byte[12])))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> launcher.open(Optional.of(new byte[0])))
                    .isInstanceOf(IllegalArgumentException.class);
            launcher.open(Optional.empty());
            assertThat(launcher.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(launcher.process().exitValue()).isZero();
        }
    }
}
