package io.capgate.agent.fleet.identity;

/** An enrollment token could not be parsed; the message says which part is wrong, never the secret. */
public final class InvalidEnrollmentTokenException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the token
     */
    public InvalidEnrollmentTokenException(String message) {
        super(message);
    }
}
