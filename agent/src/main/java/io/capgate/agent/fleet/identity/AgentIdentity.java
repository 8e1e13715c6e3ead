package io.capgate.agent.fleet.identity;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * An enrolled agent: who it is, where its portal is and what it trusts.
 *
 * @param agentId     the id the portal gave it
 * @param portalHost  the portal's host, from the enrollment token
 * @param portalPort  the portal's agent port
 * @param keys        the agent's key pair
 * @param chain       the agent's certificate first, then intermediates (not the CA)
 * @param portalCa    the pinned portal CA certificate
 * @param pin         its SHA-256, from the enrollment token
 * @param signingKeys the portal's manifest signing keys
 */
public record AgentIdentity(String agentId, String portalHost, int portalPort, KeyPair keys,
                            List<X509Certificate> chain, X509Certificate portalCa, CertificatePin pin,
                            List<SigningKey> signingKeys) {

    public AgentIdentity {
        if (agentId == null || !agentId.matches("[\\x21-\\x7e]{1,128}")) {
            throw new IllegalArgumentException("agent id must be 1 to 128 printable ASCII characters, got '"
                    + agentId + "'");
        }
        chain = List.copyOf(chain);
        signingKeys = List.copyOf(signingKeys);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an enrolled agent has a certificate");
        }
    }

    /** The key and trust managers for connecting to the portal. */
    public TlsMaterial tlsMaterial() throws IdentityException {
        return TlsMaterial.of(keys.getPrivate(), chain, PinnedTrustManager.forCa(portalCa, pin));
    }

    /** A verifier for manifests signed with the portal's keys. */
    public ManifestSignatureVerifier manifestVerifier() {
        return new ManifestSignatureVerifier(signingKeys);
    }

    /** When the agent's certificate expires; renew (or re-enroll) before. */
    public Instant certificateExpiry() {
        return chain.get(0).getNotAfter().toInstant();
    }
}
