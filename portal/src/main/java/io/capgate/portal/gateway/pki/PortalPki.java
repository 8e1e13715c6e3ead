package io.capgate.portal.gateway.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The gateway's certificates and keys once loaded ({@link PkiStore#loadOrCreate}): the portal CA that signs agent
 * client certificates and is the only trust anchor for them, the TLS server key and chain, and the CA the server
 * chain ends in, which enrollment tokens pin. That is the portal CA itself unless a server certificate from
 * another CA was configured.
 */
public final class PortalPki {

  private final X509Certificate ca;
  private final PrivateKey caKey;
  private final PrivateKey serverKey;
  private final List<X509Certificate> serverChain;
  private final X509Certificate presentedCa;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  PortalPki(X509Certificate ca, PrivateKey caKey, PrivateKey serverKey, List<X509Certificate> serverChain,
      X509Certificate presentedCa, Clock clock) {
    this.ca = ca;
    this.caKey = caKey;
    this.serverKey = serverKey;
    this.serverChain = List.copyOf(serverChain);
    this.presentedCa = presentedCa;
    this.clock = clock;
  }

  /** The portal CA: signs agent certificates, and is what client certificates must chain to. */
  public X509Certificate caCertificate() {
    return ca;
  }

  /** The TLS server certificate first, then the certificates up to and including the CA that issued it. */
  public List<X509Certificate> serverChain() {
    return serverChain;
  }

  public PrivateKey serverKey() {
    return serverKey;
  }

  /** The CA at the end of the server chain, which agents pin through their enrollment token. */
  public X509Certificate presentedCa() {
    return presentedCa;
  }

  /** SHA-256 of {@link #presentedCa()}'s DER, 64 lowercase hex digits, as enrollment tokens carry it. */
  public String presentedCaFingerprint() {
    return fingerprint(presentedCa);
  }

  /**
   * Signs an agent's CSR into its client certificate (CN = {@code agentId}, clientAuth, one year).
   *
   * @return the agent's certificate first, then the portal CA if the agent cannot already know it (a configured
   *     server certificate from another CA); otherwise the agent already pinned the CA and the chain is just its
   *     certificate
   * @throws CsrRejectedException if the CSR is unacceptable
   */
  public List<X509Certificate> issueClientCertificate(String agentId, byte[] csr) {
    PublicKey key = CsrVerifier.verify(csr);
    var chain = new ArrayList<X509Certificate>();
    chain.add(Certificates.client(key, agentId, ca, caKey, clock.instant(), random));
    if (!presentedCa.equals(ca)) {
      chain.add(ca);
    }
    return chain;
  }

  /** SHA-256 of a certificate's DER, 64 lowercase hex digits. */
  public static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
      throw new PkiException("Cannot fingerprint " + certificate.getSubjectX500Principal(), e);
    }
  }
}
