package io.capgate.agent.supervise;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the target held at a gate: a tiny Python stub blocks on a FIFO, Capgate attaches the engine to
 * its pid, then opens the gate and the stub drops to the invoking user (SUDO_UID) and executes the
 * command. The engine arms itself at that exec, so it sees the target's first instruction.
 */
final class Launcher implements AutoCloseable {

    private static final String STUB = String.join("\n",
            "import os, sys",
            "with open(sys.argv[1], 'rb') as gate:",
            "    word = gate.read()",
            "if word != b'go':",
            "    sys.exit(70)",
            "uid, gid = os.environ.get('SUDO_UID'), os.environ.get('SUDO_GID')",
            "if os.geteuid() == 0 and uid and gid and uid != '0':",
            "    os.setgroups([]); os.setgid(int(gid)); os.setuid(int(uid))",
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
     * Lets the stub execute the command; with a floor, the stub installs that seccomp filter first.
     * (The floor is not sent yet: see SeccompFloor.)
     */
    void open(java.util.Optional<byte[]> floor) throws IOException {
        try (OutputStream out = Files.newOutputStream(gate)) {
            out.write("go".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(gate);
        Files.deleteIfExists(dir);
    }
}
