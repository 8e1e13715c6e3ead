package io.capgate.portal.gateway.pki;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the gateway's PKI from its folder, creating what is missing on first start:
 *
 * <pre>
 * ca.crt, ca.key          the portal CA (EC P-256, 10 years); kept forever: agents pin it
 * server.crt, server.key  the TLS server certificate and chain (2 years), reissued on start when it no longer
 *                         names every server name or expires within 30 days
 * </pre>
 *
 * Keys are 0600 in a 0700 folder. A configured server certificate and key (PEM) replace {@code server.*}; the CA
 * that issued them must be configured too, because enrollment tokens pin it. Agent certificates are always
 * signed by the portal CA.
 */
public final class PkiStore {

  static final String CA_CERTIFICATE = "ca.crt";
  static final String CA_KEY = "ca.key";
  static final String SERVER_CERTIFICATE = "server.crt";
  static final String SERVER_KEY = "server.key";
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);
  private static final Logger log = LoggerFactory.getLogger(PkiStore.class);

  /** PEM files of an operator-provided server identity; all null for the portal's own. */
  public record ConfiguredTls(Path certificate, Path privateKey, Path caCertificate) {

    boolean configured() {
      return certificate != null || privateKey != null || caCertificate != null;
    }
  }

  private PkiStore() {
  }

  /**
   * The PKI in {@code dir}.
   *
   * @param serverNames DNS names and IP addresses the portal's own server certificate must name
   * @throws PkiException when files are unreadable, inconsistent or only partly configured
   */
  public static PortalPki loadOrCreate(Path dir, Collection<String> serverNames, ConfiguredTls configured,
      Clock clock) {
    Pem.ownerOnlyDirectory(dir);
    var random = new SecureRandom();
    var caKeys = loadOrCreateCa(dir, clock, random);
    X509Certificate ca = caKeys.certificate();
    if (configured.configured()) {
      return configuredServer(ca, caKeys.key(), configured, clock);
    }
    var server = loadOrCreateServer(dir, normalize(serverNames), ca, caKeys.key(), clock, random);
    return new PortalPki(ca, caKeys.key(), server.key(), List.of(server.certificate(), ca), ca, clock);
  }

  private record Issued(X509Certificate certificate, PrivateKey key) {}

  private static Issued loadOrCreateCa(Path dir, Clock clock, SecureRandom random) {
    Path certificate = dir.resolve(CA_CERTIFICATE);
    Path key = dir.resolve(CA_KEY);
    if (Files.exists(certificate) || Files.exists(key)) {
      requireBoth(certificate, key, "remove both to create a new CA; every agent must then enroll again");
      var ca = new Issued(Pem.readCertificates(certificate).getFirst(), Pem.readPrivateKey(key));
      requireMatch(ca, certificate);
      return ca;
    }
    KeyPair keys = Certificates.newEcKeyPair(random);
    X509Certificate ca = Certificates.ca(keys, "Capgate portal CA", clock.instant(), random);
    Pem.write(key, true, keys.getPrivate());
    Pem.write(certificate, false, ca);
    log.info("Created the portal CA in {} (SHA-256 {})", dir, PortalPki.fingerprint(ca));
    return new Issued(ca, keys.getPrivate());
  }

  private static Issued loadOrCreateServer(Path dir, Set<String> names, X509Certificate ca, PrivateKey caKey,
      Clock clock, SecureRandom random) {
    Path certificate = dir.resolve(SERVER_CERTIFICATE);
    Path key = dir.resolve(SERVER_KEY);
    if (Files.exists(certificate) && Files.exists(key)) {
      var stored = new Issued(Pem.readCertificates(certificate).getFirst(), Pem.readPrivateKey(key));
      requireMatch(stored, certificate);
      if (stillGood(stored.certificate(), names, ca, clock.instant())) {
        return stored;
      }
      log.info("Reissuing the gateway's server certificate: it expires soon, names other hosts or another CA");
    }
    KeyPair keys = Certificates.newEcKeyPair(random);
    X509Certificate server = Certificates.server(keys.getPublic(), names, ca, caKey, clock.instant(), random);
    Pem.write(key, true, keys.getPrivate());
    Pem.write(certificate, false, server, ca);
    return new Issued(server, keys.getPrivate());
  }

  private static boolean stillGood(X509Certificate server, Set<String> names, X509Certificate ca, Instant now) {
    try {
      server.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      return false;
    }
    return server.getNotAfter().after(Date.from(now.plus(RENEW_BEFORE)))
        && Certificates.subjectAlternativeNames(server).containsAll(names);
  }

  private static PortalPki configuredServer(X509Certificate ca, PrivateKey caKey, ConfiguredTls configured,
      Clock clock) {
    if (configured.certificate() == null || configured.privateKey() == null || configured.caCertificate() == null) {
      throw new PkiException("A configured gateway certificate needs all three of capgate.gateway.tls.certificate,"
          + " .private-key and .ca-certificate (the CA agents pin in their enrollment tokens)");
    }
    var chain = new ArrayList<>(Pem.readCertificates(configured.certificate()));
    X509Certificate presentedCa = Pem.readCertificates(configured.caCertificate()).getFirst();
    var server = new Issued(chain.getFirst(), Pem.readPrivateKey(configured.privateKey()));
    requireMatch(server, configured.certificate());
    if (!chain.getLast().equals(presentedCa)) {
      chain.add(presentedCa);
    }
    for (int i = 0; i + 1 < chain.size(); i++) {
      try {
        chain.get(i).verify(chain.get(i + 1).getPublicKey());
      } catch (GeneralSecurityException e) {
        throw new PkiException(configured.certificate() + ": certificate " + i + " (" + chain.get(i)
            .getSubjectX500Principal() + ") is not signed by the next one up to " + configured.caCertificate(), e);
      }
    }
    return new PortalPki(ca, caKey, server.key(), chain, presentedCa, clock);
  }

  private static void requireBoth(Path certificate, Path key, String advice) {
    if (!Files.exists(certificate) || !Files.exists(key)) {
      Path missing = Files.exists(certificate) ? key : certificate;
      throw new PkiException(missing + " is missing while its pair exists; restore it, or " + advice);
    }
  }

  /** Whether the private key belongs to the certificate: sign and verify a probe. */
  private static void requireMatch(Issued issued, Path file) {
    PublicKey publicKey = issued.certificate().getPublicKey();
    String algorithm = switch (publicKey.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> publicKey.getAlgorithm();
    };
    try {
      byte[] probe = "capgate key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      var signer = Signature.getInstance(algorithm);
      signer.initSign(issued.key());
      signer.update(probe);
      byte[] signature = signer.sign();
      var verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      throw new PkiException("Cannot check the private key of " + file + ": " + e.getMessage(), e);
    }
    throw new PkiException("The private key does not belong to the certificate in " + file);
  }

  /** Names as the certificate reports them, so a stored certificate compares equal: IPs in canonical form. */
  static Set<String> normalize(Collection<String> names) {
    var normalized = new TreeSet<String>();
    for (String name : names) {
      String clean = name.strip();
      if (clean.isEmpty()) {
        continue;
      }
      boolean ip = clean.contains(":") || clean.matches("\\d{1,3}(\\.\\d{1,3}){3}");
      normalized.add(ip ? ipLiteral(clean.replace("[", "").replace("]", ""))
          : clean.toLowerCase(java.util.Locale.ROOT));
    }
    return normalized;
  }

  /** An IP literal in the form certificates report it; parsing a literal never asks DNS. */
  private static String ipLiteral(String literal) {
    try {
      return InetAddress.getByName(literal).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new PkiException("'" + literal + "' in capgate.gateway.server-names is not a valid IP address", e);
    }
  }
}
