package io.capgate.model.protocol;

/**
 * A new agent asks for its client certificate; sent on a TLS connection without a client certificate, as the
 * only frame of that connection. The portal answers with {@link EnrollAccepted} or an {@link ErrorReply}
 * ({@link ErrorCode#ENROLLMENT_TOKEN_INVALID}, {@code _EXPIRED}, {@code _USED}, {@link ErrorCode#CSR_REJECTED}).
 *
 * <p>Wire: {@code string token, bytes csr, HostFacts host}.
 *
 * @param requestId a fresh id from the agent
 * @param token     the one-time enrollment token, a secret: {@link #toString()} never shows it
 * @param csr       the agent's PKCS#10 certificate signing request, DER encoded
 * @param host      facts about the host
 */
public record EnrollRequest(long requestId, String token, Bytes csr, HostFacts host) implements AgentMessage {

    public EnrollRequest {
        Checks.nonBlank(token, "token", Limits.MAX_TOKEN_BYTES);
        Checks.bytes(csr, "csr", 1, Limits.MAX_DER_BYTES);
        Checks.notNull(host, "host");
    }

    @Override
    public MessageType type() {
        return MessageType.ENROLL_REQUEST;
    }

    @Override
    public String toString() {
        return "EnrollRequest[requestId=" + requestId + ", token=<redacted>, csr=" + csr + ", host=" + host + "]";
    }
}
