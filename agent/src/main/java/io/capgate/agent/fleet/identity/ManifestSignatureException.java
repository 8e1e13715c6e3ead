package io.capgate.agent.fleet.identity;

/** A manifest's signature was not accepted, so the manifest must not be enforced. */
public final class ManifestSignatureException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the signature was refused. */
    public enum Reason {
        /** The assignment names a key the agent was not given at enrollment. */
        UNKNOWN_KEY,
        /** The signature is not 64 bytes. */
        MALFORMED_SIGNATURE,
        /** The signature does not verify: the manifest was changed or signed with another key. */
        BAD_SIGNATURE
    }

    private final String keyId;
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param keyId   the signing key the assignment named
     * @param reason  why it was refused
     * @param message the full explanation
     */
    public ManifestSignatureException(String keyId, Reason reason, String message) {
        super(message);
        this.keyId = keyId;
        this.reason = reason;
    }

    /** The signing key the assignment named. */
    public String keyId() {
        return keyId;
    }

    /** Why the signature was refused. */
    public Reason reason() {
        return reason;
    }
}
