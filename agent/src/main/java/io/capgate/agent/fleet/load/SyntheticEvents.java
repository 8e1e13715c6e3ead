package io.capgate.agent.fleet.load;

import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.StackFrame;
import io.capgate.model.protocol.Violation;
import io.capgate.model.protocol.ViolationAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Observations and violations shaped like the engine's: aggregated entries over 350 modules and 40 syscalls
 * (1,400 distinct (module, syscall) pairs), and
 * violations with a five-frame stack and a detail line. Deterministic, so two runs send the same bytes.
 *
 * <p>Sample stacks as the engine sends them ({@code ObservationWindows}): a three-frame stack in the first entry of
 * each (module, syscall) pair, none in later entries of the pair. {@code stackEveryEntry} puts one in every entry
 * instead, a worst case the agent never produces, kept to measure what stacks cost.
 */
final class SyntheticEvents {

    private static final String[] SYSCALLS = {"read", "write", "openat", "openat:write", "close", "newfstatat",
        "connect", "sendto", "recvfrom", "epoll_wait", "futex", "mmap", "munmap", "brk", "getrandom", "socket",
        "bind", "listen", "accept4", "getpid", "clock_gettime", "lseek", "pread64", "pwrite64", "fcntl", "ioctl",
        "rt_sigaction", "rt_sigprocmask", "madvise", "mprotect", "getcwd", "readlink", "unlink", "rename",
        "mkdir", "statx", "getdents64", "pipe2", "dup3", "execve"};

    private final String serviceId;
    private final long now;
    private final boolean stackEveryEntry;
    private final Set<String> sampled = new HashSet<>();

    SyntheticEvents(String serviceId, long nowMillis, boolean stackEveryEntry) {
        this.serviceId = serviceId;
        this.now = nowMillis;
        this.stackEveryEntry = stackEveryEntry;
    }

    /** Batch {@code index} (0-based) of {@code entries} entries; sequence and request id are placeholders. */
    ObservationBatch batch(int index, int entries) {
        var list = new ArrayList<ObservationEntry>(entries);
        // Like the engine's windows (5 s, ObservationWindows): each batch's entries were first and last seen in the
        // 5 s before its window's end, and windows follow each other in time (10 ms apart here).
        long windowEnd = now - 120_000 + index * 10L;
        for (int i = 0; i < entries; i++) {
            int n = index * entries + i;
            String module = "app.pkg" + (n % 50) + ".module" + (n % 7);
            String syscall = SYSCALLS[n % SYSCALLS.length];
            Optional<String> program = syscall.equals("execve") ? Optional.of("/usr/bin/git") : Optional.empty();
            boolean sample = stackEveryEntry || sampled.add(module + ' ' + syscall);
            long firstSeen = windowEnd - 5_000 + n % 4_000;
            list.add(new ObservationEntry(serviceId, module, syscall, program, 1 + n % 997, firstSeen,
                    firstSeen + n % 1_000, sample ? stack(module, n) : List.of()));
        }
        return new ObservationBatch(0, 1, list);
    }

    private static List<StackFrame> stack(String module, int n) {
        return List.of(new StackFrame("/srv/app/" + module.replace('.', '/') + ".py", "handle", 10 + n % 90),
                new StackFrame("/srv/app/app/views.py", "dispatch", 120),
                new StackFrame("/usr/lib/python3/dist-packages/starlette/routing.py", "app", 74));
    }

    /**
     * Violation {@code n} (0-based) of a syscall at {@code atMillis}, so its latency to the portal's views can be
     * measured from the time it carries; sequence and request id are placeholders.
     */
    Violation violation(int n, long atMillis) {
        String module = "app.plugins.p" + (n % 20);
        return new Violation(0, 1, serviceId, 4000 + n % 50, 4000 + n % 50, atMillis, module,
                "execve", 59, ViolationAction.RECORDED, List.of(
                        new StackFrame("/srv/app/app/plugins/p" + (n % 20) + ".py", "run", 42),
                        new StackFrame("/usr/lib/python3.11/subprocess.py", "_execute_child", 1901),
                        new StackFrame("/usr/lib/python3.11/subprocess.py", "__init__", 1026),
                        new StackFrame("/srv/app/app/views.py", "backdoor", 88),
                        new StackFrame("/usr/lib/python3/dist-packages/starlette/routing.py", "app", 74)),
                "/bin/sh -c id #" + n);
    }
}
