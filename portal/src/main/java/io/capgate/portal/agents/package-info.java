/**
 * Host agents of an organization and how they join: one-time enrollment tokens scoped to a project
 * ({@link io.capgate.portal.agents.EnrollmentTokens}), the registry of enrolled agents with their host facts,
 * certificate and derived online status, and revocation ({@link io.capgate.portal.agents.AgentRegistry}, which
 * publishes {@link io.capgate.portal.agents.AgentRevoked}).
 *
 * <p>The agent gateway (package {@code gateway}) calls {@link io.capgate.portal.agents.AgentEnrollment}, the
 * system side used by connections authenticated by TLS rather than by a person, and provides the
 * {@link io.capgate.portal.agents.EnrollmentEndpoint} and {@link io.capgate.portal.agents.CertificateIssuer}
 * this feature needs without depending on it.
 *
 * <p>Assignments: {@link io.capgate.portal.agents.AgentAssignments} assigns services of the agent's project in a
 * mode and reads them with the agent's protection reports; {@link io.capgate.portal.agents.AssignmentDistribution}
 * is the gateway's side (the complete set to send, the ASSIGNMENT_STATUS to store), and
 * {@link io.capgate.portal.agents.AgentAssignmentsChanged} tells the gateway to push. Views live in
 * {@code agents.ui}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"base", "security", "audit", "projects", "services", "manifests"})
package io.capgate.portal.agents;
