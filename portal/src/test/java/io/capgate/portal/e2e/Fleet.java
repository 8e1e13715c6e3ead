package io.capgate.portal.e2e;

import static io.capgate.portal.testing.Fixtures.as;

import io.capgate.portal.agents.Agent;
import io.capgate.portal.agents.AgentRegistry;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.services.RegisteredService;
import io.capgate.portal.services.ServiceForm;
import io.capgate.portal.services.ServiceRegistry;
import io.capgate.portal.testing.Fixtures;
import java.time.Duration;
import java.util.Comparator;

/**
 * One organization of a fleet test and the people in it: an ORG_ADMIN who registers services, an OPERATOR who
 * creates enrollment tokens and manages agents, a DEVELOPER who writes manifests and a REVIEWER who approves
 * them (four eyes: never the developer). Every step goes through the portal's public services as that person.
 */
final class Fleet {

  /**
   * How the agent's ASSIGNMENT_STATUS details a process that is PROTECTED only by the session of its previous
   * policy while the new manifest or mode attaches (start before stop): not yet what was asked for.
   */
  static final String BY_PREVIOUS_POLICY = "still protected by the previous policy";

  final long organizationId;
  final long projectId;
  final CapgateUser admin;
  final CapgateUser operator;
  final CapgateUser developer;
  final CapgateUser reviewer;

  private final EnrollmentTokens tokens;
  private final AgentRegistry agents;
  private final ServiceRegistry services;

  Fleet(Fixtures fixtures, EnrollmentTokens tokens, AgentRegistry agents, ServiceRegistry services) {
    this(fixtures, tokens, agents, services, false);
  }

  /** @param separateActivation whether an approved version waits for an explicit activation */
  Fleet(Fixtures fixtures, EnrollmentTokens tokens, AgentRegistry agents, ServiceRegistry services,
      boolean separateActivation) {
    this.tokens = tokens;
    this.agents = agents;
    this.services = services;
    organizationId = fixtures.anOrganization();
    projectId = fixtures.aProject(organizationId, 1, separateActivation);
    admin = fixtures.aUser(organizationId, Role.ORG_ADMIN);
    operator = fixtures.aUser(organizationId, Role.OPERATOR);
    developer = fixtures.aUser(organizationId);
    fixtures.grant(developer, projectId, Role.DEVELOPER);
    reviewer = fixtures.aUser(organizationId);
    fixtures.grant(reviewer, projectId, Role.REVIEWER);
  }

  /** A new enrollment token's text, created by the operator, as the agents page shows it once. */
  String token(Duration validity) {
    return as(operator, () -> tokens.create(projectId, "fleet test", validity)).value();
  }

  String token() {
    return token(null);
  }

  /** Registers a Python service matched by executable and argument regex, as the admin. */
  RegisteredService register(String name, String executable, String argumentRegex) {
    return as(admin, () -> services.register(projectId, new ServiceForm(name, "fleet test service", null, "",
        "cpython-3.11", executable, argumentRegex, null)));
  }

  /** The agent enrolled last into the project (the operator reads the agents page). */
  Agent newestAgent() {
    return as(operator, () -> agents.list(projectId).stream()
        .max(Comparator.comparing(Agent::enrolledAt))
        .orElseThrow(() -> new AssertionError("no agent enrolled in project " + projectId)));
  }

  Agent agent(String agentId) {
    return as(operator, () -> agents.get(agentId));
  }

  void revoke(String agentId) {
    as(operator, () -> agents.revoke(agentId));
  }
}
