package io.capgate.agent.fleet.identity;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/** A tiny CA for tests, made with Bouncy Castle as the portal will. */
public final class TestPki {

    public static final SecureRandom RANDOM = new SecureRandom();
    /** Now: TLS handshakes check validity against the real clock, so certificates are made around it. */
    public static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final AtomicLong SERIAL = new AtomicLong(1);

    /** A key pair and its certificate. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
    }

    private TestPki() {
    }

    public static Issued ca(String name) {
        KeyPair keys = CertificateRequests.newKeyPair(RANDOM);
        return new Issued(keys, sign(keys, new X500Name("CN=" + name), keys.getPublic(), new X500Name("CN=" + name),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)), Kind.CA));
    }

    public static Issued server(Issued ca, String dnsName) {
        KeyPair keys = CertificateRequests.newKeyPair(RANDOM);
        return new Issued(keys, issue(ca, keys.getPublic(), "CN=" + dnsName, Kind.SERVER, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30))));
    }

    /** What the portal does with an agent's CSR. */
    public static X509Certificate client(Issued ca, byte[] csr) {
        try {
            JcaPKCS10CertificationRequest request = new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(csr));
            return issue(ca, request.getPublicKey(), request.getSubject().toString(), Kind.CLIENT,
                    NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate issue(Issued ca, PublicKey subjectKey, String subject, Kind kind, Instant from,
                                 Instant to) {
        return sign(ca.keys(), new X500Name(ca.certificate().getSubjectX500Principal().getName()), subjectKey,
                new X500Name(subject), from, to, kind);
    }

    public enum Kind { CA, SERVER, CLIENT }

    private static X509Certificate sign(KeyPair issuerKeys, X500Name issuer, PublicKey subjectKey, X500Name subject,
                                        Instant from, Instant to, Kind kind) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(from), Date.from(to), subject, subjectKey)
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            switch (kind) {
                case CA -> builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                case SERVER -> builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false,
                                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                                new GeneralName(GeneralName.dNSName, subject.toString().substring(3)),
                                new GeneralName(GeneralName.iPAddress,
                                        InetAddress.getLoopbackAddress().getHostAddress())}));
                case CLIENT -> builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false,
                                new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("test certificate", e);
        }
    }
}
