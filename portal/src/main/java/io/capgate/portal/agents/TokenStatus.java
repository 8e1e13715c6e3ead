package io.capgate.portal.agents;

/** Where an enrollment token stands. */
public enum TokenStatus {
  /** Can enroll one agent until it expires. */
  ACTIVE,
  /** Enrolled its agent. */
  USED,
  /** Expired unused. */
  EXPIRED,
  /** Revoked unused. */
  REVOKED
}
