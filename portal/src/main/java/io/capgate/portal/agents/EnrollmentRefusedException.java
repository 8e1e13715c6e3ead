package io.capgate.portal.agents;

/** An enrollment token could not be redeemed; nothing was written. */
public class EnrollmentRefusedException extends RuntimeException {

  /** Why, in the terms the protocol reports back to the agent. */
  public enum Reason {
    /** Unknown, malformed or revoked. */
    TOKEN_INVALID,
    /** Past its expiry. */
    TOKEN_EXPIRED,
    /** Already redeemed by an agent. */
    TOKEN_USED
  }

  private final Reason reason;

  public EnrollmentRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
