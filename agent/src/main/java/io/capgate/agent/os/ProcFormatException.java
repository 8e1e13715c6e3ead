package io.capgate.agent.os;

import java.io.IOException;

/** A {@code /proc} file did not have the format this parser expects. */
public class ProcFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, naming the file and the offending line
     */
    public ProcFormatException(String message) {
        super(message);
    }
}
