package io.capgate.agent.fleet.identity;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The agent's key pair and its PKCS#10 certificate signing request.
 *
 * <p><b>Why EC P-256 and not Ed25519.</b> The key authenticates the agent in TLS. ECDSA P-256 client certificates
 * work with every TLS stack the portal may run behind (the JDK's, Netty's OpenSSL/BoringSSL, load balancers and
 * HSMs), while Ed25519 certificates in TLS are still refused by some of them. Ed25519 is used where the JDK alone
 * verifies: manifest signatures ({@link ManifestSignatureVerifier}).
 */
public final class CertificateRequests {

    /** The curve of agent keys. */
    public static final String CURVE = "secp256r1";
    /** The CSR's signature algorithm. */
    public static final String SIGNATURE = "SHA256withECDSA";

    private CertificateRequests() {
    }

    /** A new P-256 key pair from {@code random}. */
    public static KeyPair newKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make " + CURVE + " keys", e);
        }
    }

    /**
     * A DER-encoded PKCS#10 request for {@code keys} with subject {@code CN=<hostName>}, signed with the private
     * key (so the portal knows the agent holds it). The name is escaped by Bouncy Castle's X.500 builder, so a
     * host name cannot smuggle in other attributes.
     *
     * @throws IllegalArgumentException when the host name is empty, longer than 255 or has control characters
     */
    public static byte[] csr(KeyPair keys, String hostName) {
        if (hostName == null || hostName.isBlank() || hostName.length() > 255
                || hostName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the agent's host name must be 1 to 255 printable characters, got '"
                    + hostName + "'");
        }
        try {
            var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hostName).build();
            var signer = new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder(SIGNATURE)
                    .build(keys.getPrivate());
            return new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic()).build(signer).getEncoded();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot build a certificate request for " + hostName, e);
        }
    }
}
