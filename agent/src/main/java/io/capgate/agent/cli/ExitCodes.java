package io.capgate.agent.cli;

import io.capgate.agent.supervise.PreflightException;

/**
 * The CLI's exit codes. Besides these, {@code run} and {@code interactive} exit with the supervised program's own
 * status (137 when it was killed), and preflight failures with {@link PreflightException#exitCode()}.
 */
public final class ExitCodes {

    /** Success; for {@code diff} and {@code check}: nothing differs, nothing found. */
    public static final int OK = 0;
    /** {@code diff}: the manifests differ; {@code check}: findings; {@code demo}: the backdoor was not stopped. */
    public static final int FOUND = 1;
    /** Bad command line (picocli's parse errors too). */
    public static final int USAGE = PreflightException.EX_USAGE;
    /** A manifest or trace is invalid. */
    public static final int DATAERR = PreflightException.EX_DATAERR;
    /** An input file does not exist or cannot be opened. */
    public static final int NOINPUT = 66;
    /** A bug in Capgate: an exception nobody expected. */
    public static final int SOFTWARE = PreflightException.EX_SOFTWARE;
    /** An output file cannot be created. */
    public static final int CANTCREAT = 73;
    /** Reading or writing a file failed. */
    public static final int IOERR = 74;
    /** Interrupted (Ctrl-C) while waiting. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
