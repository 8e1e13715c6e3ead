package io.capgate.portal.gateway.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the three kinds of certificate the gateway needs, all EC P-256 signed with SHA-256: the portal CA, the
 * TLS server certificate and agent client certificates. Serial numbers are 128 random bits; validity starts
 * five minutes back so a host whose clock is slightly behind accepts a certificate issued just now.
 */
final class Certificates {

  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  static final Duration SERVER_VALIDITY = Duration.ofDays(730);
  static final Duration CLIENT_VALIDITY = Duration.ofDays(365);
  private static final Duration BACKDATE = Duration.ofMinutes(5);
  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private Certificates() {
  }

  static KeyPair newEcKeyPair(SecureRandom random) {
    try {
      var generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new PkiException("The Java runtime cannot generate EC P-256 keys", e);
    }
  }

  /** The self-signed portal CA: basicConstraints CA (critical), keyCertSign and cRLSign. */
  static X509Certificate ca(KeyPair keys, String commonName, Instant now, SecureRandom random) {
    X500Name name = name(commonName);
    var builder = new JcaX509v3CertificateBuilder(name, serial(random), Date.from(now.minus(BACKDATE)),
        Date.from(now.plus(CA_VALIDITY)), name, keys.getPublic());
    try {
      var extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          extensions.createSubjectKeyIdentifier(keys.getPublic()));
    } catch (CertIOException | GeneralSecurityException e) {
      throw new PkiException("Cannot build the portal CA certificate", e);
    }
    return sign(builder, keys.getPrivate());
  }

  /** The gateway's TLS server certificate for the names (DNS names and IP addresses), serverAuth only. */
  static X509Certificate server(PublicKey key, Collection<String> names, X509Certificate ca, PrivateKey caKey,
      Instant now, SecureRandom random) {
    var builder = leaf(key, name("Capgate agent gateway"), ca, now, SERVER_VALIDITY, random);
    try {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.stream()
          .map(n -> new GeneralName(IPV4.matcher(n).matches() || n.contains(":")
              ? GeneralName.iPAddress : GeneralName.dNSName, n))
          .toArray(GeneralName[]::new)));
    } catch (CertIOException e) {
      throw new PkiException("Cannot build the gateway's server certificate", e);
    }
    return sign(builder, caKey);
  }

  /** An agent's client certificate: CN = agent id, clientAuth only, {@link #CLIENT_VALIDITY}. */
  static X509Certificate client(PublicKey key, String agentId, X509Certificate ca, PrivateKey caKey, Instant now,
      SecureRandom random) {
    var builder = leaf(key, name(agentId), ca, now, CLIENT_VALIDITY, random);
    try {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    } catch (CertIOException e) {
      throw new PkiException("Cannot build a client certificate", e);
    }
    return sign(builder, caKey);
  }

  /** The DNS names and IP addresses a certificate names, as text. */
  static Set<String> subjectAlternativeNames(X509Certificate certificate) {
    var names = new TreeSet<String>();
    try {
      var entries = certificate.getSubjectAlternativeNames();
      if (entries != null) {
        for (List<?> entry : entries) {
          names.add(String.valueOf(entry.get(1)));
        }
      }
    } catch (CertificateParsingException e) {
      throw new PkiException("Cannot read the names of " + certificate.getSubjectX500Principal(), e);
    }
    return names;
  }

  /** 128 random bits, positive and never zero. */
  static BigInteger serial(SecureRandom random) {
    BigInteger serial;
    do {
      serial = new BigInteger(128, random);
    } while (serial.signum() == 0);
    return serial;
  }

  private static JcaX509v3CertificateBuilder leaf(PublicKey key, X500Name subject, X509Certificate ca, Instant now,
      Duration validity, SecureRandom random) {
    var builder = new JcaX509v3CertificateBuilder(ca, serial(random), Date.from(now.minus(BACKDATE)),
        Date.from(now.plus(validity)), subject, key);
    try {
      var extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key));
      builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca));
    } catch (CertIOException | GeneralSecurityException e) {
      throw new PkiException("Cannot build a certificate for " + subject, e);
    }
    return builder;
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
    try {
      var signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException | CertificateException e) {
      throw new PkiException("Cannot sign a certificate", e);
    }
  }
}
