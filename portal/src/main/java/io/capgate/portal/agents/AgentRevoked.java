package io.capgate.portal.agents;

/**
 * An agent was revoked; published after the revocation is written. The gateway closes the agent's live session
 * when it hears this, and refuses its certificate from then on.
 */
public record AgentRevoked(String agentId, long organizationId) {}
