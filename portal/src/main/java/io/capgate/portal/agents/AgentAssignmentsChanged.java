package io.capgate.portal.agents;

/**
 * What an agent must supervise changed (a service assigned, unassigned or its mode changed, or a new manifest
 * version of an assigned service activated). Published inside the changing transaction; the gateway pushes the
 * agent's complete {@code ASSIGNMENTS} once it commits.
 *
 * @param revision the agent's assignments revision after the change
 */
public record AgentAssignmentsChanged(String agentId, long revision) {}
