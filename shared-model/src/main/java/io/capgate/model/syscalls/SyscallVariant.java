package io.capgate.model.syscalls;

import java.util.Optional;
import java.util.Set;

/**
 * The argument-dependent flavours of a syscall that the engine tells apart.
 *
 * <p>A variant is written after a colon ({@code openat:write}) and encoded in the kernel index as
 * {@code nr + 1024 * code()}. Codes are part of the eBPF map format: they are explicit and never change.
 */
public enum SyscallVariant {
    /** The syscall without a variant; every syscall has it. */
    NONE("", 0, Set.of()),
    /**
     * {@code open}, {@code openat} or {@code openat2} with any of {@code O_WRONLY}, {@code O_RDWR}, {@code O_CREAT},
     * {@code O_TRUNC} or {@code O_APPEND}. ({@code creat} always writes and has no variant.)
     */
    WRITE("write", 1, Set.of("open", "openat", "openat2")),
    /** {@code clone} or {@code clone3} with {@code CLONE_THREAD}: a new thread rather than a new process. */
    THREAD("thread", 2, Set.of("clone", "clone3")),
    /**
     * {@code mmap} of an anonymous mapping with {@code PROT_EXEC}, or {@code mprotect}/{@code pkey_mprotect} adding
     * {@code PROT_EXEC}: memory that becomes executable code.
     */
    EXEC("exec", 3, Set.of("mmap", "mprotect", "pkey_mprotect"));

    /** The multiplier of {@link #code()} in a kernel index; also the exclusive upper bound of syscall numbers. */
    public static final int INDEX_STRIDE = 1024;

    private final String suffix;
    private final int code;
    private final Set<String> bases;

    SyscallVariant(String suffix, int code, Set<String> bases) {
        this.suffix = suffix;
        this.code = code;
        this.bases = bases;
    }

    /** What follows the colon in a full name; empty for {@link #NONE}. */
    public String suffix() {
        return suffix;
    }

    /** The code in the kernel index; 0 for {@link #NONE}. */
    public int code() {
        return code;
    }

    /** The base syscall names this variant applies to; empty for {@link #NONE}, which applies to every syscall. */
    public Set<String> bases() {
        return bases;
    }

    /** Whether {@code base:suffix()} is a valid full name. */
    public boolean appliesTo(String base) {
        return this == NONE || bases.contains(base);
    }

    /** The variant with the given suffix; {@code ""} gives {@link #NONE}. */
    public static Optional<SyscallVariant> fromSuffix(String suffix) {
        for (SyscallVariant v : values()) {
            if (v.suffix.equals(suffix)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The variant with the given index code. */
    public static Optional<SyscallVariant> fromCode(int code) {
        for (SyscallVariant v : values()) {
            if (v.code == code) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
