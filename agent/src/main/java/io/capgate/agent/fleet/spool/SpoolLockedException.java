package io.capgate.agent.fleet.spool;

import java.nio.file.Path;

/** Another spool (in this or another process) has the directory open; two writers would reuse sequences. */
public final class SpoolLockedException extends SpoolException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param dir the spool directory that is in use
     */
    public SpoolLockedException(Path dir) {
        super(dir + " is in use by another spool (is another agent running with this state directory?)", null);
    }
}
