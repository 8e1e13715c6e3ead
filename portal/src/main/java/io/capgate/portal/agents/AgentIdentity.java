package io.capgate.portal.agents;

/** An agent whose certificate the gateway accepted for a session: enrolled, current and not revoked. */
public record AgentIdentity(String agentId, long organizationId, long projectId) {}
