package io.capgate.portal.agents;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The outcome of a successful enrollment.
 *
 * @param agentId the new agent's id, also the common name of its certificate
 * @param certificateChain what the {@link CertificateIssuer} returned, the agent's certificate first
 */
public record EnrolledAgent(String agentId, long organizationId, long projectId,
    List<X509Certificate> certificateChain) {

  public EnrolledAgent {
    certificateChain = List.copyOf(certificateChain);
  }
}
