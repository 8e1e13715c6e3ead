package io.capgate.agent.fleet.spool;

import java.io.IOException;

/** The spool cannot be used: its directory is damaged, locked or unwritable. */
public class SpoolException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and, where it helps, what to do
     * @param cause   the underlying error, or null
     */
    public SpoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
