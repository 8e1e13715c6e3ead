package io.capgate.portal.localagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.protocol.EnrollmentTokenFormat;
import io.capgate.model.protocol.HostFacts;
import io.capgate.model.protocol.ServiceMode;
import io.capgate.portal.agents.AgentAssignments;
import io.capgate.portal.agents.AgentEnrollment;
import io.capgate.portal.agents.AgentRegistry;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.base.PortalProperties;
import io.capgate.portal.gateway.AgentKeys;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.services.ServiceRegistry;
import io.capgate.portal.testing.PortalTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;

/**
 * The first-run setup on the real database: one run prepares the sample and a token in the data folder, the agent
 * that enrolls with that token gets the sample assigned in OBSERVE mode, and running it again changes nothing.
 */
@PortalTest
class LocalAgentSetupIT {

  private static final HostFacts HOST = new HostFacts("localhost", "6.1.0-18-amd64", Optional.empty(),
      List.of("3.11.2"));

  @Autowired LocalAccount accounts;
  @Autowired ServiceRegistry services;
  @Autowired EnrollmentTokens tokens;
  @Autowired AgentRegistry agents;
  @Autowired AgentEnrollment enrollment;
  @Autowired AgentAssignments assignments;
  @Autowired SampleAssigner assigner;
  @Autowired TaskScheduler scheduler;
  @Autowired PortalPki pki;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;
  @TempDir Path dataDir;

  @Test
  void preparesTheSampleHandsOutOneTokenAndAssignsTheEnrolledAgentInObserveMode() throws Exception {
    var properties = new LocalAgentProperties(true, "Sample-" + System.nanoTime(), "fastapi-demo",
        "/usr/bin/python3.11", "uvicorn app\\.main:app", Duration.ofHours(1), Duration.ofMillis(100));
    var setup = new LocalAgentSetup(properties, new PortalProperties(dataDir, 0, false), accounts, services,
        tokens, agents, assigner, scheduler, clock);

    setup.prepare();

    Path tokenFile = dataDir.resolve("local-agent/enrollment.token");
    assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(tokenFile.getParent()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    String secret = EnrollmentTokenFormat.parse(Files.readString(tokenFile).strip()).secret();
    var account = jdbc.sql("select id, enabled, must_change_password from users where username = 'local-agent'")
        .query((rs, n) -> List.of(rs.getLong(1), rs.getBoolean(2))).single();
    assertThat(account.get(1)).as("the setup account can never sign in").isEqualTo(false);
    long projectId = jdbc.sql("select id from projects where name = ?").param(properties.project())
        .query(Long.class).single();
    var sample = jdbc.sql("select id, match_executable, match_arguments from services where project_id = ?")
        .param(projectId).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
    assertThat(sample.subList(1, 3)).containsExactly("/usr/bin/python3.11", "uvicorn app\\.main:app");

    byte[] csr = AgentKeys.csr(AgentKeys.ecKeyPair());
    var agent = enrollment.enroll(secret, HOST, id -> pki.issueClientCertificate(id, csr));

    long serviceId = Long.parseLong(sample.get(0));
    Instant deadline = Instant.now().plusSeconds(20);
    List<String> modes = List.of();
    while (modes.isEmpty() && Instant.now().isBefore(deadline)) {
      modes = jdbc.sql("select mode from agent_assignments where agent_id = ? and service_id = ?")
          .params(agent.agentId(), serviceId).query(String.class).list();
      Thread.onSpinWait();
    }
    assertThat(modes).as("the sample is assigned to the enrolled agent").containsExactly(ServiceMode.OBSERVE.name());
    assertThat(jdbc.sql("""
        select actor_name from audit_log where action = 'agent_assignment.created' and object_id like ?""")
        .param("%" + agent.agentId() + "%").query(String.class).list())
        .as("the assignment is audited as the setup account").containsExactly("user:local-agent");

    Files.delete(tokenFile); // run.sh deletes it after enrolling
    setup.prepare();
    assertThat(tokenFile).as("no new token while an agent of the sample project is enrolled").doesNotExist();
    assertThat(jdbc.sql("select count(*) from services where project_id = ?").param(projectId)
        .query(Long.class).single()).isEqualTo(1);
  }
}
