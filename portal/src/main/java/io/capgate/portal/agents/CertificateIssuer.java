package io.capgate.portal.agents;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Issues the client certificate of a newly enrolled agent, called inside the enrollment transaction once the
 * token has been accepted. The gateway passes one bound to the agent's CSR.
 */
@FunctionalInterface
public interface CertificateIssuer {

  /**
   * The agent's certificate (common name = {@code agentId}) first, then any certificates the agent needs to
   * build its chain. Throws (any runtime exception) to refuse, for example an unacceptable CSR: the token then
   * stays unused.
   */
  List<X509Certificate> issue(String agentId);
}
