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

    public PreflightException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
