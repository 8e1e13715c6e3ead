package io.capgate.agent.fleet.supervision;

/** An engine session could not be started at all (not root, bpftrace missing, unsupported interpreter). */
public final class SessionStartException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SessionFailure failure;

    /**
     * Creates the exception.
     *
     * @param failure what failed and, where it helps, what to do
     * @param cause   the underlying error, or null
     */
    public SessionStartException(SessionFailure failure, Throwable cause) {
        super(failure.detail(), cause);
        this.failure = failure;
    }

    /** The failure, as the status report shows it. */
    public SessionFailure failure() {
        return failure;
    }
}
