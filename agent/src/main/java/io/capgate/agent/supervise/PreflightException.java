package io.capgate.agent.supervise;

/**
 * Capgate refuses to start: not root, no usable bpftrace, no tracefs, an unsupported interpreter, a bad
 * manifest. Carries the documented exit code (sysexits range, distinct from the child's statuses).
 */
public final class PreflightException extends Exception {

    /** Bad command line. */
    public static final int EX_USAGE = 64;
    /** Input data (manifest, trace) was invalid. */
    public static final int EX_DATAERR = 65;
    /** A required program (bpftrace, python) is missing or too old. */
    public static final int EX_UNAVAILABLE = 69;
    /** bpftrace failed while supervising. */
    public static final int EX_SOFTWARE = 70;
    /** An OS facility (tracefs) is missing and could not be set up. */
    public static final int EX_OSERR = 71;
    /** Not root. */
    public static final int EX_NOPERM = 77;
    /** Unsupported interpreter (no offsets for its version). */
    public static final int EX_CONFIG = 78;

    private final int exitCode;
    private final Kind kind;

    /** What failed, for callers that report it in other terms than an exit code (the agent's status reports). */
    public enum Kind {
        /** Not root. */
        NOT_ROOT,
        /** bpftrace is missing, too old, could not load the program, or died. */
        BPFTRACE,
        /** The kernel lacks a facility (tracefs). */
        KERNEL,
        /** The interpreter cannot be supervised (no offsets for its version, not CPython, unreadable). */
        INTERPRETER,
        /** The manifest cannot be enforced here. */
        MANIFEST,
        /** The process to attach to does not exist. */
        NO_PROCESS,
        /** Anything else (bad request, an I/O failure of Capgate's own). */
        OTHER
    }

    public PreflightException(int exitCode, String message) {
        this(exitCode, kindOf(exitCode), message);
    }

    public PreflightException(int exitCode, Kind kind, String message) {
        super(message);
        this.exitCode = exitCode;
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    public int exitCode() {
        return exitCode;
    }

    /** What failed. */
    public Kind kind() {
        return kind;
    }

    private static Kind kindOf(int exitCode) {
        return switch (exitCode) {
            case EX_NOPERM -> Kind.NOT_ROOT;
            case EX_UNAVAILABLE, EX_SOFTWARE -> Kind.BPFTRACE;
            case EX_OSERR -> Kind.KERNEL;
            case EX_CONFIG -> Kind.INTERPRETER;
            case EX_DATAERR -> Kind.MANIFEST;
            default -> Kind.OTHER;
        };
    }
}
