package io.capgate.agent.fleet.identity;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The agent's identity on disk, in a {@link StateDirectory}:
 * <pre>
 *   agent-key.pem          the EC P-256 key pair (PKCS#8 private key, SubjectPublicKeyInfo public key)
 *   agent-chain.pem        the issued certificate chain, the agent's own first
 *   portal-ca.pem          the pinned portal CA certificate
 *   signing-keys           one line per portal manifest signing key: key id, base64 SubjectPublicKeyInfo
 *   enrollment.properties  agent id, portal address and CA pin; written last, so its presence means enrolled
 * </pre>
 * Every enrollment is checked before it is stored: the CA must match the token's pin, the certificate must be for
 * this agent's key and chain up to the CA, valid now.
 */
public final class IdentityStore {

    static final String KEY = "agent-key.pem";
    static final String CHAIN = "agent-chain.pem";
    static final String CA = "portal-ca.pem";
    static final String SIGNING_KEYS = "signing-keys";
    static final String ENROLLMENT = "enrollment.properties";

    private final StateDirectory dir;
    private final SecureRandom random;
    private final Clock clock;

    /**
     * Creates a store.
     *
     * @param random for the key pair
     * @param clock  to check certificate validity
     */
    public IdentityStore(StateDirectory dir, SecureRandom random, Clock clock) {
        this.dir = dir;
        this.random = random;
        this.clock = clock;
    }

    /** The agent's key pair, generated and stored on first use. */
    public KeyPair keyPair() throws IOException {
        Optional<byte[]> stored = dir.read(KEY);
        if (stored.isEmpty()) {
            KeyPair keys = CertificateRequests.newKeyPair(random);
            dir.write(KEY, (Pem.encode("PRIVATE KEY", keys.getPrivate().getEncoded())
                    + Pem.encode("PUBLIC KEY", keys.getPublic().getEncoded())).getBytes(StandardCharsets.US_ASCII));
            return keys;
        }
        String source = dir.path().resolve(KEY).toString();
        try {
            KeyFactory ec = KeyFactory.getInstance("EC");
            return new KeyPair(
                    ec.generatePublic(new X509EncodedKeySpec(Pem.decode("PUBLIC KEY", stored.get(), source).get(0))),
                    ec.generatePrivate(new PKCS8EncodedKeySpec(Pem.decode("PRIVATE KEY", stored.get(), source)
                            .get(0))));
        } catch (GeneralSecurityException e) {
            throw new IdentityException(source + " does not hold an EC key pair: " + e.getMessage(), e);
        }
    }

    /** The PKCS#10 request to send with the enrollment token. */
    public byte[] certificateRequest(String hostName) throws IOException {
        return CertificateRequests.csr(keyPair(), hostName);
    }

    /**
     * Checks and stores what enrollment returned.
     *
     * @param chain       the agent's certificate first, then intermediates; the CA itself may be included
     * @param portalCa    the CA certificate from the enrollment connection's chain
     * @param signingKeys the portal's manifest signing keys
     * @throws IdentityException when the CA is not the pinned one or the chain is not for this agent's key
     */
    public AgentIdentity saveEnrollment(String agentId, EnrollmentToken token, List<X509Certificate> chain,
                                        X509Certificate portalCa, List<SigningKey> signingKeys) throws IOException {
        KeyPair keys = keyPair();
        List<X509Certificate> own = chain.stream().filter(c -> !c.equals(portalCa)).toList();
        AgentIdentity identity = new AgentIdentity(agentId, token.host(), token.port(), keys, own, portalCa,
                token.pin(), signingKeys);
        check(identity);
        StringBuilder signing = new StringBuilder();
        for (SigningKey k : signingKeys) {
            signing.append(k.keyId()).append(' ').append(Base64.getEncoder().encodeToString(k.spki())).append('\n');
        }
        try {
            dir.write(CHAIN, Pem.certificates(own).getBytes(StandardCharsets.US_ASCII));
            dir.write(CA, Pem.certificates(List.of(portalCa)).getBytes(StandardCharsets.US_ASCII));
        } catch (CertificateException e) {
            throw new IdentityException("cannot encode the enrollment's certificates", e);
        }
        dir.write(SIGNING_KEYS, signing.toString().getBytes(StandardCharsets.US_ASCII));
        dir.write(ENROLLMENT, ("agentId=%s%nportalHost=%s%nportalPort=%d%npin=%s%n".formatted(agentId, token.host(),
                token.port(), token.pin().hex())).getBytes(StandardCharsets.US_ASCII));
        return identity;
    }

    /**
     * The stored identity, empty when the agent is not enrolled.
     *
     * @throws IdentityException when the stored files are unsafe, damaged or do not belong together
     */
    public Optional<AgentIdentity> load() throws IOException {
        Optional<byte[]> enrollment = dir.read(ENROLLMENT);
        if (enrollment.isEmpty()) {
            return Optional.empty();
        }
        Properties p = new Properties();
        p.load(new StringReader(new String(enrollment.get(), StandardCharsets.US_ASCII)));
        try {
            AgentIdentity identity = new AgentIdentity(p.getProperty("agentId"), p.getProperty("portalHost"),
                    Integer.parseInt(p.getProperty("portalPort")), keyPair(), certificates(CHAIN),
                    certificates(CA).get(0), new CertificatePin(p.getProperty("pin")), signingKeys());
            PinnedTrustManager.forCa(identity.portalCa(), identity.pin());
            if (!Arrays.equals(identity.chain().get(0).getPublicKey().getEncoded(),
                    identity.keys().getPublic().getEncoded())) {
                throw new IdentityException("the stored certificate is not for the stored key; enroll again");
            }
            return Optional.of(identity);
        } catch (IllegalArgumentException e) {
            throw new IdentityException("the identity stored in " + dir.path() + " is damaged (" + e.getMessage()
                    + "); enroll the agent again", e);
        }
    }

    private void check(AgentIdentity identity) throws IdentityException {
        PinnedTrustManager.forCa(identity.portalCa(), identity.pin());
        X509Certificate leaf = identity.chain().get(0);
        if (!Arrays.equals(leaf.getPublicKey().getEncoded(), identity.keys().getPublic().getEncoded())) {
            throw new IdentityException("the portal issued a certificate for another key (subject "
                    + leaf.getSubjectX500Principal() + "); not storing it");
        }
        try {
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(identity.portalCa(), null)));
            params.setRevocationEnabled(false);
            params.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(identity.chain()), params);
        } catch (GeneralSecurityException e) {
            throw new IdentityException("the issued certificate does not chain to the pinned portal CA, valid now: "
                    + e.getMessage() + "; not storing it", e);
        }
    }

    private List<X509Certificate> certificates(String name) throws IOException {
        byte[] text = dir.read(name).orElseThrow(() -> new IdentityException(dir.path().resolve(name)
                + " is missing although the agent is enrolled; enroll again"));
        return Pem.certificates(text, dir.path().resolve(name).toString());
    }

    private List<SigningKey> signingKeys() throws IOException {
        List<SigningKey> keys = new ArrayList<>();
        String text = new String(dir.read(SIGNING_KEYS).orElse(new byte[0]), StandardCharsets.US_ASCII);
        for (String line : text.lines().filter(l -> !l.isBlank()).toList()) {
            String[] fields = line.strip().split(" ");
            if (fields.length != 2) {
                throw new IdentityException(dir.path().resolve(SIGNING_KEYS) + ": expected 'keyId base64', got "
                        + line);
            }
            keys.add(SigningKey.fromSpki(fields[0], Base64.getDecoder().decode(fields[1])));
        }
        return keys;
    }
}
