package io.capgate.agent.supervise;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts the target held at a gate: a tiny Python stub blocks on a FIFO, Capgate attaches the engine to
 * its pid, then opens the gate and the stub drops to the invoking user (SUDO_UID) and executes the
 * command. The engine arms itself at that exec, so it sees the target's first instruction.
 */
final class Launcher implements AutoCloseable {

    /**
     * The stub. The gate carries {@code go}, then optionally the seccomp floor as {@code struct sock_filter}
     * bytes. The stub drops to the invoking user; then, with a floor, it resolves the program on PATH and builds
     * argv/envp as that user, sets no_new_privs (required to install a filter unprivileged), installs the filter
     * (after dropping privileges, so the filter need not allow setuid and friends) and calls execve with no
     * Python in between. It exits 71 rather than run the command unprotected.
     */
    private static final String STUB = String.join("\n",
            "import os, sys",
            "with open(sys.argv[1], 'rb') as gate:",
            "    word = gate.read()",
            "if word[:2] != b'go' or (len(word) - 2) % 8:",
            "    sys.exit(70)",
            "floor = word[2:]",
            "def refuse(what):",
            "    sys.stderr.write('capgate: cannot install the seccomp floor: %s\\n' % what)",
            "    sys.exit(71)",
            "uid, gid = os.environ.get('SUDO_UID'), os.environ.get('SUDO_GID')",
            "if os.geteuid() == 0 and uid and gid and uid != '0':",
            "    os.setgroups([]); os.setgid(int(gid)); os.setuid(int(uid))",
            "if floor:",
            "    try:",
            "        import ctypes, errno",
            "        libc = ctypes.CDLL(None, use_errno=True)",
            "        def why():",
            "            e = ctypes.get_errno()",
            "            return '%s (%s)' % (errno.errorcode.get(e, e), os.strerror(e))",
            "        program = sys.argv[2]",
            "        if os.sep not in program:",
            "            found = [p for p in (os.path.join(d, program) for d in os.get_exec_path())",
            "                     if os.path.isfile(p) and os.access(p, os.X_OK)]",
            "            if not found:",
            "                sys.stderr.write('capgate: cannot execute %s: %s\\n' % (program, os.strerror(2)))",
            "                sys.exit(127)",
            "            program = found[0]",
            "        argv = [os.fsencode(a) for a in sys.argv[2:]]",
            "        envp = [k + b'=' + v for k, v in os.environb.items()]",
            "        c_argv = (ctypes.c_char_p * (len(argv) + 1))(*argv, None)",
            "        c_envp = (ctypes.c_char_p * (len(envp) + 1))(*envp, None)",
            "        c_program = ctypes.c_char_p(os.fsencode(program))",
            "        insns = ctypes.create_string_buffer(floor, len(floor))",
            "        class Fprog(ctypes.Structure):",
            "            _fields_ = [('len', ctypes.c_ushort), ('filter', ctypes.c_void_p)]",
            "        fprog = Fprog(len(floor) // 8, ctypes.cast(insns, ctypes.c_void_p))",
            "        execve = libc.execve",
            "        L = ctypes.c_ulong",
            "        if libc.prctl(L(38), L(1), L(0), L(0), L(0)) != 0:",  // PR_SET_NO_NEW_PRIVS
            "            refuse(why())",
            "    except (ImportError, OSError, AttributeError) as e:",
            "        refuse(e)",
            // PR_SET_SECCOMP, SECCOMP_MODE_FILTER; then only execve, exit_group, rt_sigreturn are certain to pass.
            "    if libc.prctl(L(22), L(2), ctypes.byref(fprog), L(0), L(0)) != 0:",
            "        refuse(why())",
            "    execve(c_program, c_argv, c_envp)",
            "    e = ctypes.get_errno()",
            "    try:",
            "        os.write(2, b'capgate: cannot execute ' + argv[0] + b': ' + os.strerror(e).encode() + b'\\n')",
            "    except OSError:",
            "        pass",
            "    os._exit(127)",
            "try:",
            "    os.execvp(sys.argv[2], sys.argv[2:])",
            "except OSError as e:",
            "    sys.stderr.write('capgate: cannot execute %s: %s\\n' % (sys.argv[2], e.strerror))",
            "    sys.exit(127)",
            "");

    private final Path dir;
    private final Path gate;
    private final Process process;

    private Launcher(Path dir, Path gate, Process process) {
        this.dir = dir;
        this.gate = gate;
        this.process = process;
    }

    /** Starts the stub with the given interpreter; the command has not run yet when this returns. */
    static Launcher start(Path python, List<String> command) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("capgate-launch");
        Path gate = dir.resolve("gate");
        Process mk = new ProcessBuilder("mkfifo", "-m", "600", gate.toString()).inheritIO().start();
        if (mk.waitFor() != 0) {
            throw new IOException("mkfifo failed for " + gate);
        }
        List<String> argv = new ArrayList<>(List.of(python.toString(), "-I", "-S", "-c", STUB, gate.toString()));
        argv.addAll(command);
        Process p = new ProcessBuilder(argv).inheritIO().start();
        return new Launcher(dir, gate, p);
    }

    Process process() {
        return process;
    }

    int pid() {
        return (int) process.pid();
    }

    /**
     * Lets the stub execute the command; with a floor ({@code struct sock_filter} bytes, see SeccompFloor), the
     * stub installs that seccomp filter first, or exits 71 without running the command if it cannot.
     */
    void open(Optional<byte[]> floor) throws IOException {
        byte[] filter = floor.orElse(new byte[0]);
        if (filter.length % SeccompInsn.BYTES != 0 || filter.length > SeccompInsn.MAX_INSNS * SeccompInsn.BYTES
                || (floor.isPresent() && filter.length == 0)) {
            throw new IllegalArgumentException("not a seccomp filter: " + filter.length + " bytes");
        }
        try (OutputStream out = Files.newOutputStream(gate)) {
            out.write("go".getBytes(StandardCharsets.US_ASCII));
            out.write(filter);
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(gate);
        Files.deleteIfExists(dir);
    }
}
