package io.capgate.agent.os;

import java.io.IOException;

/** The process does not exist (any more), so its {@code /proc} entry cannot be read. */
public class NoSuchProcessException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int pid;

    /**
     * Creates the exception for one pid.
     *
     * @param pid the process that is gone
     * @param cause the I/O error that revealed it, or null
     */
    public NoSuchProcessException(int pid, Throwable cause) {
        super("no such process: " + pid, cause);
        this.pid = pid;
    }

    /** The process that is gone. */
    public int pid() {
        return pid;
    }
}
