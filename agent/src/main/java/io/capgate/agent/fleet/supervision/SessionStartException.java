package io.capgate.agent.fleet.supervision;

/** An engine session could not be started at all (not root, bpftrace missing, unsupported interpreter). */
public final class SessionStartException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and, where it helps, what to do
     * @param cause   the underlying error, or null
     */
    public SessionStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
