package io.capgate.portal.agents;

/**
 * A token just created. {@link #value()} is the only copy of the token text: show it once, the portal cannot
 * show it again.
 */
public record CreatedEnrollmentToken(EnrollmentToken token, String value) {

  @Override
  public String toString() {
    return "CreatedEnrollmentToken[" + token + ", value=<redacted>]";
  }
}
