package io.capgate.agent.fleet.load;

import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.StackFrame;
import io.capgate.model.protocol.Violation;
import io.capgate.model.protocol.ViolationAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Observations and violations shaped like the engine's: aggregated entries over 50 modules x 40 syscalls with a
 * three-frame sample stack, and violations with a five-frame stack and a detail line. Deterministic, so two runs
 * send the same bytes.
 */
final class SyntheticEvents {

    private static final String[] SYSCALLS = {"read", "write", "openat", "openat:write", "close", "newfstatat",
        "connect", "sendto", "recvfrom", "epoll_wait", "futex", "mmap", "munmap", "brk", "getrandom", "socket",
        "bind", "listen", "accept4", "getpid", "clock_gettime", "lseek", "pread64", "pwrite64", "fcntl", "ioctl",
        "rt_sigaction", "rt_sigprocmask", "madvise", "mprotect", "getcwd", "readlink", "unlink", "rename",
        "mkdir", "statx", "getdents64", "pipe2", "dup3", "execve"};

    private final String serviceId;
    private final long now;

    SyntheticEvents(String serviceId, long nowMillis) {
        this.serviceId = serviceId;
        this.now = nowMillis;
    }

    /** Batch {@code index} (0-based) of {@code entries} entries; sequence and request id are placeholders. */
    ObservationBatch batch(int index, int entries) {
        var list = new ArrayList<ObservationEntry>(entries);
        for (int i = 0; i < entries; i++) {
            int n = index * entries + i;
            String module = "app.pkg" + (n % 50) + ".module" + (n % 7);
            String syscall = SYSCALLS[n % SYSCALLS.length];
            Optional<String> program = syscall.equals("execve") ? Optional.of("/usr/bin/git") : Optional.empty();
            list.add(new ObservationEntry(serviceId, module, syscall, program, 1 + n % 997, now - 60_000 + n % 1000,
                    now - 1_000 + n % 500, List.of(
                            new StackFrame("/srv/app/" + module.replace('.', '/') + ".py", "handle", 10 + n % 90),
                            new StackFrame("/srv/app/app/views.py", "dispatch", 120),
                            new StackFrame("/usr/lib/python3/dist-packages/starlette/routing.py", "app", 74))));
        }
        return new ObservationBatch(0, 1, list);
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
