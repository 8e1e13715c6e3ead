package io.capgate.model.protocol;

import java.util.List;

/**
 * The portal issued the agent's client certificate; the portal closes the enrollment connection after it and the
 * agent reconnects with the certificate and sends {@link Hello}.
 *
 * <p>Wire: {@code string agentId, list<bytes> certificateChain, list<ManifestKey> signingKeys}.
 *
 * @param requestId        the EnrollRequest's request id
 * @param agentId          the agent's id from now on; also in the certificate
 * @param certificateChain DER X.509 certificates, the agent's own first, then intermediates up to (excluding)
 *                         the root the agent already trusts; 1 to {@link Limits#MAX_CERTIFICATE_CHAIN}
 * @param signingKeys      the portal's manifest signing keys the agent trusts from now on, 1 to
 *                         {@link Limits#MAX_SIGNING_KEYS}; they arrive over the pinned TLS connection, so a
 *                         connection opened later cannot swap them
 */
public record EnrollAccepted(long requestId, String agentId, List<Bytes> certificateChain,
                             List<ManifestKey> signingKeys) implements AgentMessage {

    public EnrollAccepted {
        Checks.id(agentId, "agentId");
        certificateChain = Checks.list(certificateChain, "certificateChain", 1, Limits.MAX_CERTIFICATE_CHAIN);
        for (int i = 0; i < certificateChain.size(); i++) {
            Checks.bytes(certificateChain.get(i), "certificateChain[" + i + "]", 1, Limits.MAX_DER_BYTES);
        }
        signingKeys = Checks.list(signingKeys, "signingKeys", 1, Limits.MAX_SIGNING_KEYS);
    }

    @Override
    public MessageType type() {
        return MessageType.ENROLL_ACCEPTED;
    }
}
