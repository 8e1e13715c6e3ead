package io.capgate.portal.gateway.pki;

/** The gateway's keys or certificates cannot be loaded, created or used; the message says which file and why. */
public class PkiException extends RuntimeException {

  public PkiException(String message) {
    super(message);
  }

  public PkiException(String message, Throwable cause) {
    super(message, cause);
  }
}
