package io.capgate.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.portal.agents.AgentRegistry;
import io.capgate.portal.agents.AgentStatus;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.services.ServiceRegistry;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The fleet's faults with the real parts: the packaged agent as its own process, the portal's TLS gateway and
 * PostgreSQL. Each test makes its own organization, so they share the portal context with every other test.
 */
@PortalTest
class FleetFaultsIT {

  @Autowired Fixtures fixtures;
  @Autowired EnrollmentTokens tokens;
  @Autowired AgentRegistry agents;
  @Autowired ServiceRegistry services;

  @TempDir Path tmp;

  private Fleet fleet;
  private Path logs;

  @BeforeEach
  void organization(TestInfo test) {
    fleet = new Fleet(fixtures, tokens, agents, services);
    logs = Path.of("target", "fleet-logs", "FleetFaultsIT-" + test.getTestMethod().orElseThrow().getName());
  }

  @Test
  void anEnrollmentTokenEnrollsOneAgentOnly() {
    FleetRequirements.agentJar();
    String token = fleet.token();
    try (var first = new AgentProcess(tmp.resolve("first"), logs.resolve("first"));
        var second = new AgentProcess(tmp.resolve("second"), logs.resolve("second"))) {
      var enrolled = first.enroll(token);
      assertThat(enrolled.exitCode()).as(enrolled.output()).isZero();
      assertThat(enrolled.stdout()).contains("enrolled as " + fleet.newestAgent().id());

      var again = second.enroll(token);

      assertThat(again.exitCode()).as(again.output()).isEqualTo(77);
      assertThat(again.stderr()).contains("the enrollment token was already used: create a new one in the portal")
          .contains("ENROLLMENT_TOKEN_USED");
      assertThat(fleet.newestAgent().id()).isEqualTo(enrolledAgentId(enrolled));
    }
  }

  @Test
  void anExpiredEnrollmentTokenEnrollsNobody() {
    FleetRequirements.agentJar();
    String token = fleet.token(Duration.ofSeconds(1));
    Poll.until("the token to expire", Duration.ofSeconds(10),
        () -> Fixtures.as(fleet.operator, () -> tokens.list(fleet.projectId)).getFirst().status(),
        status -> status == io.capgate.portal.agents.TokenStatus.EXPIRED);
    try (var agent = new AgentProcess(tmp.resolve("state"), logs)) {
      var refused = agent.enroll(token);

      assertThat(refused.exitCode()).as(refused.output()).isEqualTo(77);
      assertThat(refused.stderr()).contains("the enrollment token has expired: create a new one in the portal")
          .contains("ENROLLMENT_TOKEN_EXPIRED");
    }
    assertThat(Fixtures.as(fleet.operator, () -> agents.list(fleet.projectId))).isEmpty();
  }

  @Test
  void aRevokedAgentIsDisconnectedAndCannotReconnect() {
    FleetRequirements.agentJar();
    try (var agent = new AgentProcess(tmp.resolve("state"), logs)) {
      var enrolled = agent.enroll(fleet.token());
      assertThat(enrolled.exitCode()).as(enrolled.output()).isZero();
      String agentId = enrolledAgentId(enrolled);
      agent.start();
      Poll.until("the agent to be online", Duration.ofSeconds(60),
          () -> agent.log().contains("OPEN: "), agent::diagnosis);

      fleet.revoke(agentId);

      assertThat(agent.awaitExit(Duration.ofSeconds(30))).as(agent.diagnosis()).isEqualTo(77);
      assertThat(agent.log()).contains("REFUSED");
      assertThat(fleet.agent(agentId).status()).isEqualTo(AgentStatus.REVOKED);

      agent.start();

      assertThat(agent.awaitExit(Duration.ofSeconds(60))).as(agent.diagnosis()).isEqualTo(77);
      assertThat(agent.log()).contains("REFUSED").contains("revoked").doesNotContain("OPEN: ");
    }
  }

  private static String enrolledAgentId(AgentProcess.Outcome enrolled) {
    var matcher = java.util.regex.Pattern.compile("enrolled as (\\S+) with").matcher(enrolled.stdout());
    assertThat(matcher.find()).as(enrolled.output()).isTrue();
    return matcher.group(1);
  }
}
