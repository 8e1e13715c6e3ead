package io.capgate.agent.fleet.identity;

import java.io.IOException;

/** The agent's identity or trust material cannot be used: unsafe state directory, damaged or mismatched files. */
public class IdentityException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and what to do about it
     */
    public IdentityException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is wrong and what to do about it
     * @param cause   the underlying error
     */
    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
