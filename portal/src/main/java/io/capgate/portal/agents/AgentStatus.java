package io.capgate.portal.agents;

/** An agent's state as derived from its revocation and when the gateway last heard from it. */
public enum AgentStatus {
  /** Heard from within {@link AgentRegistry#ONLINE_WINDOW}. */
  ONLINE,
  /** Not heard from recently, or never connected after enrolling. */
  OFFLINE,
  /** Its certificate is refused; it must enroll again. */
  REVOKED
}
