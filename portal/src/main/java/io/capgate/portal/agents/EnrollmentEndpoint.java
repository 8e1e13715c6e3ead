package io.capgate.portal.agents;

/**
 * Where agents enroll, as written into every enrollment token: the gateway's public address and the
 * fingerprint of the CA it presents. Provided by the gateway, so this feature needs no dependency on it.
 */
public interface EnrollmentEndpoint {

  /** The host name or address agents connect to (an IPv6 address in brackets). */
  String host();

  /** The port agents connect to. */
  int port();

  /** SHA-256 of the DER of the CA certificate the gateway presents, 64 lowercase hex digits. */
  String caFingerprint();
}
