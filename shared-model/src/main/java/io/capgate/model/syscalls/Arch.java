package io.capgate.model.syscalls;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A CPU architecture Capgate has syscall tables for. */
public enum Arch {
    /** 64-bit x86 (amd64). */
    X86_64("x86_64"),
    /** 64-bit ARM (arm64). */
    AARCH64("aarch64");

    private final String id;

    Arch(String id) {
        this.id = id;
    }

    /** The identifier used in manifests, traces and file names: {@code x86_64} or {@code aarch64}. */
    public String id() {
        return id;
    }

    /**
     * The architecture with the given {@link #id()}.
     *
     * @throws IllegalArgumentException when {@code id} names no supported architecture; the message lists the valid ids
     */
    public static Arch fromId(String id) {
        for (Arch arch : values()) {
            if (arch.id.equals(id)) {
                return arch;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + id + "'; valid: " + validIds());
    }

    /**
     * The architecture of the running JVM, from the {@code os.arch} system property.
     *
     * @throws IllegalStateException when the JVM runs on an architecture Capgate does not support
     */
    public static Arch host() {
        return fromOsArch(System.getProperty("os.arch", ""));
    }

    static Arch fromOsArch(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64", "arm64" -> AARCH64;
            default -> throw new IllegalStateException(
                    "unsupported host architecture '" + osArch + "' (os.arch); Capgate supports " + validIds());
        };
    }

    /** The valid ids, comma separated, for messages. */
    static String validIds() {
        return Arrays.stream(values()).map(Arch::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
