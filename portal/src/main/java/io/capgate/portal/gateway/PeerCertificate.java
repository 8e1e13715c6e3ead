package io.capgate.portal.gateway;

import io.capgate.portal.agents.AgentEnrollment;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * The client certificate a connection presented, already verified by TLS to be issued by the portal CA: its
 * common name (the agent id it was issued to) and serial number (which the database must still know as the
 * agent's current, unrevoked certificate).
 */
record PeerCertificate(String agentId, String serialHex) {

  /** The peer's certificate, or empty for a connection without one (enrollment). */
  static Optional<PeerCertificate> of(SSLSession session) {
    Certificate[] chain;
    try {
      chain = session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      return Optional.empty();
    }
    return Optional.of(new PeerCertificate(commonName(leaf), AgentEnrollment.serialHex(leaf)));
  }

  private static String commonName(X509Certificate certificate) {
    RDN[] names = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
    return names.length == 1 ? IETFUtils.valueToString(names[0].getFirst().getValue()) : "";
  }
}
