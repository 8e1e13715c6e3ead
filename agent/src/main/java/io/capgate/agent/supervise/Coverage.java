package io.capgate.agent.supervise;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The processes (thread group leaders) a session supervises, from the engine's fork and exit lines. The engine
 * also reports threads as forks (every child is supervised), but only processes are reported to the listener: the
 * agent plans sessions per process.
 */
final class Coverage {

    private final Set<Integer> processes = new TreeSet<>();
    private final Consumer<Set<Integer>> listener;

    Coverage(int root, Consumer<Set<Integer>> listener) {
        this.listener = listener;
        processes.add(root);
    }

    synchronized void forked(int child) {
        if (isProcess(child) && processes.add(child)) {
            listener.accept(Set.copyOf(processes));
        }
    }

    synchronized void exited(int pid) {
        if (processes.remove(pid)) {
            listener.accept(Set.copyOf(processes));
        }
    }

    /** Drops processes that are gone without an exit line (e.g. lost in bpftrace's buffer). */
    synchronized void prune() {
        if (processes.removeIf(pid -> !Files.isDirectory(Path.of("/proc", Integer.toString(pid))))) {
            listener.accept(Set.copyOf(processes));
        }
    }

    synchronized Set<Integer> current() {
        return Set.copyOf(processes);
    }

    /** A thread's id has its own /proc entry too; only a thread group leader has Tgid equal to its id. */
    static boolean isProcess(int pid) {
        try {
            for (String line : Files.readString(Path.of("/proc", Integer.toString(pid), "status"),
                    StandardCharsets.UTF_8).lines().toList()) {
                if (line.startsWith("Tgid:")) {
                    return Integer.parseInt(line.substring(5).trim()) == pid;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false; // already gone: its exit line follows, nothing to report
        }
    }
}
