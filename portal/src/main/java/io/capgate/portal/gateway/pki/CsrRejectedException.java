package io.capgate.portal.gateway.pki;

/**
 * An agent's certificate signing request is unacceptable: not a PKCS#10 structure, a signature that does not
 * verify with its own key (no proof of possession), a weak signature algorithm, or a weak key. The message is
 * safe to send back to the agent.
 */
public class CsrRejectedException extends RuntimeException {

  public CsrRejectedException(String message) {
    super(message);
  }

  public CsrRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
