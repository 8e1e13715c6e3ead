package io.capgate.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.protocol.EnrollmentTokenFormat;
import io.capgate.model.protocol.ProtectionState;
import io.capgate.model.protocol.ServiceMode;
import io.capgate.model.protocol.StatusReason;
import io.capgate.portal.agents.AgentAssignment;
import io.capgate.portal.agents.AgentAssignments;
import io.capgate.portal.agents.AssignmentProtection;
import io.capgate.portal.agents.ProcessProtection;
import io.capgate.portal.agents.AgentRegistry;
import io.capgate.portal.agents.AgentStatus;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.gateway.GatewayServer;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.services.ServiceRegistry;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fleet's faults with the real parts: the packaged agent as its own root process running bpftrace, the
 * portal's TLS gateway and PostgreSQL. Each test makes its own organization, so they share the portal context
 * with every other test.
 *
 * <p>"The portal is away" is the gateway stopped and started again in this JVM ({@link GatewayServer#stop()}
 * closes every agent connection mid-stream and stops listening); the database and the rest of the portal stay
 * up, so what is shown is the agent's side (spool, reconnect, replay) and the gateway's idempotent storing, not
 * a PostgreSQL restart. The agent reaches the gateway through a {@link TcpRelay} on a fixed port, because the
 * restarted gateway listens on a new free port. The workload ({@link ForbiddenSyscallLoad}) makes a known number
 * of forbidden syscalls under ALERT, so "every event exactly once" is checked as counts and sequences.
 */
@PortalTest
class FleetFaultsIT {

  @Autowired Fixtures fixtures;
  @Autowired EnrollmentTokens tokens;
  @Autowired AgentRegistry agents;
  @Autowired ServiceRegistry services;
  @Autowired AgentAssignments assignments;
  @Autowired ManifestVersions versions;
  @Autowired Approvals approvals;
  @Autowired GatewayServer gateway;
  @Autowired JdbcClient jdbc;

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

  @Test
  void everyViolationArrivesExactlyOnceAcrossAGatewayRestart() throws Exception {
    FleetRequirements.kernel();
    try (var relay = new TcpRelay(SampleService.freePort(), gateway::port);
        var agent = new AgentProcess(tmp.resolve("state"), logs);
        var load = ForbiddenSyscallLoad.start(tmp.resolve("load"), logs)) {
      var supervised = supervise(agent, relay, load);
      try {
        load.violate(100);
        awaitStored(supervised, 100);

        gateway.stop();
        relay.cut();
        load.violate(150);
        assertThat(stored(supervised).rows()).as("nothing arrives while the gateway is down").isEqualTo(100);

        long restart = System.nanoTime();
        gateway.start();
        relay.listen();
        load.violate(50);
        awaitStored(supervised, 300);
        System.out.printf("FleetFaultsIT: gateway restarted; 150 spooled + 50 new violations stored %.2f s later%n",
            (System.nanoTime() - restart) / 1e9);
      } finally {
        if (!gateway.isRunning()) {
          gateway.start();
        }
      }
      assertExactlyOnce(supervised, 300, load.pid());
    }
  }

  /**
   * SIGKILL while violations sit unacknowledged in the agent's spool: the relay is cut (the agent cannot deliver)
   * while the workload makes 200 forbidden syscalls, the agent is killed once it has spooled them all (its spool
   * stopped growing), and started again. It resumes the persisted assignments before it reaches the portal,
   * replays the spool from the portal's last stored sequence and goes on with new events.
   *
   * <p>Why wait for the spool: events the kernel reported but the agent had not yet written to its spool (still
   * in bpftrace's pipe or the agent's in-memory queue) die with the process: killing right after the workload
   * finished, with 56 of 300 violations not yet delivered, left 27 of 350 missing when this test was written
   * (on this loaded 2-core machine). What survives a crash is what was spooled, and that arrives exactly once.
   */
  @Test
  void everyViolationArrivesExactlyOnceWhenTheAgentIsKilledMidStream() throws Exception {
    FleetRequirements.kernel();
    try (var relay = new TcpRelay(SampleService.freePort(), gateway::port);
        var agent = new AgentProcess(tmp.resolve("state"), logs);
        var load = ForbiddenSyscallLoad.start(tmp.resolve("load"), logs)) {
      var supervised = supervise(agent, relay, load);
      load.violate(100);
      awaitStored(supervised, 100);

      relay.cut();
      load.violate(200);
      agent.awaitSpoolQuiescent();
      agent.kill9();
      assertThat(stored(supervised).rows()).as("delivered before the kill").isEqualTo(100);

      Instant restarted = Instant.now();
      long restart = System.nanoTime();
      relay.listen();
      agent.start();
      awaitProtected(supervised, load.pid(), restarted);
      System.out.printf("FleetFaultsIT: restarted agent protecting the workload again after %.2f s%n",
          (System.nanoTime() - restart) / 1e9);
      load.violate(50);
      awaitStored(supervised, 350);
      System.out.printf("FleetFaultsIT: 200 spooled + 50 new violations stored %.2f s after the restart%n",
          (System.nanoTime() - restart) / 1e9);

      assertExactlyOnce(supervised, 350, load.pid());
      assertThat(agent.log()).contains("resuming supervision of 1 services from the persisted assignments");
    }
  }

  /**
   * The persisted assignments are edited while the agent is stopped, as someone with write access to its state
   * folder would: fleetload's manifest gets fs.write (so its umask calls would pass), the portal's signature is
   * kept, the file's unkeyed digest is fixed up, and the revision is raised so the portal's looks older. The agent
   * starts while the portal is unreachable: it refuses the manifest on its signature and enforces nothing it
   * cannot verify. Once the portal is reachable, the portal's complete set (sent at HELLO, authoritative whatever
   * revision the file claims) is enforced again at once, with no operator action; the umask calls the tampered
   * manifest would have allowed are reported again. That the refusal reaches the portal as SIGNATURE_INVALID is
   * shown on a live frame by the agent's AgentDaemonTest.
   */
  @Test
  void aTamperedManifestIsRefusedAndThePortalsSignedSetTakesOverOnReconnect() throws Exception {
    FleetRequirements.kernel();
    try (var relay = new TcpRelay(SampleService.freePort(), gateway::port);
        var agent = new AgentProcess(tmp.resolve("state"), logs);
        var load = ForbiddenSyscallLoad.start(tmp.resolve("load"), logs)) {
      var supervised = supervise(agent, relay, load);
      load.violate(5);
      awaitStored(supervised, 5);
      assertThat(agent.stop()).as(agent.diagnosis()).isIn(0, 143);

      PersistedAssignments.tamper(agent.stateDir(), supervised.serviceId(), ForbiddenSyscallLoad.MODULE, "fs.write",
          1000);
      relay.cut();
      agent.start();
      Poll.until("the agent to refuse the tampered manifest", Duration.ofSeconds(60), agent::log,
          log -> log.contains("refused the assignment of service " + supervised.serviceId()
              + " (SIGNATURE_INVALID)"),
          agent::diagnosis);
      assertThat(agent.log()).contains("resuming supervision of 0 services from the persisted assignments");

      Instant reconnected = Instant.now();
      relay.listen();
      awaitProtected(supervised, load.pid(), reconnected);
      load.violate(5);
      awaitStored(supervised, 10);
      assertExactlyOnce(supervised, 10, load.pid());
    }
  }

  private AgentAssignment assignment(Supervised supervised) {
    return Fixtures.as(fleet.operator, () -> assignments.forService(supervised.serviceId())).getFirst();
  }

  /** An agent enrolled through the relay, supervising the workload under ALERT with an active manifest. */
  private Supervised supervise(AgentProcess agent, TcpRelay relay, ForbiddenSyscallLoad load) throws Exception {
    relay.listen();
    var enrolled = agent.enroll(throughRelay(fleet.token(), relay));
    assertThat(enrolled.exitCode()).as(enrolled.output()).isZero();
    String agentId = enrolledAgentId(enrolled);
    agent.start();
    var service = fleet.register("fleet-load-" + Fixtures.unique(), FleetRequirements.PYTHON.toString(),
        load.argumentRegex());
    new ManifestSteps(fleet, versions, approvals).activeVersion(service.id(),
        ForbiddenSyscallLoad.MANIFEST.formatted(service.name()));
    Fixtures.as(fleet.operator, () -> assignments.assign(agentId, service.id(), ServiceMode.ALERT));
    var supervised = new Supervised(agentId, service.id(), agent);
    awaitProtected(supervised, load.pid(), Instant.EPOCH);
    return supervised;
  }

  /** The token's text naming the relay's port instead of the gateway's (as capgate.gateway.public-port would). */
  private static String throughRelay(String token, TcpRelay relay) {
    var parsed = EnrollmentTokenFormat.parse(token);
    return new EnrollmentTokenFormat.Token(parsed.host(), relay.port(), parsed.caFingerprint(), parsed.secret())
        .encode();
  }

  private record Supervised(String agentId, long serviceId, AgentProcess agent) {}

  private record Stored(long rows, long distinctSequences) {}

  private Stored stored(Supervised supervised) {
    return jdbc.sql("select count(*), count(distinct sequence) from violations where agent_id = ? and service_id = ?")
        .params(supervised.agentId(), supervised.serviceId())
        .query((rs, row) -> new Stored(rs.getLong(1), rs.getLong(2))).single();
  }

  private void awaitStored(Supervised supervised, long expected) {
    Poll.until(expected + " violations stored", Duration.ofSeconds(120), () -> stored(supervised),
        stored -> stored.rows() >= expected, supervised.agent()::diagnosis);
  }

  private void awaitProtected(Supervised supervised, long pid, Instant since) {
    Poll.until("the agent to report pid " + pid + " protected", Duration.ofSeconds(90),
        () -> assignment(supervised),
        a -> a.processes().stream().anyMatch(p -> p.pid() == pid && p.state() == ProtectionState.PROTECTED
            && p.reportedAt().isAfter(since) && !p.detail().startsWith(Fleet.BY_PREVIOUS_POLICY)),
        supervised.agent()::diagnosis);
  }

  /**
   * Exactly {@code expected} violations, each umask by fleetload, ALERTED, in the workload's process; no sequence
   * twice; and the agent's sequences over everything it streamed (violations, observations, drop reports) run
   * from 1 to what the portal says it stored, without a gap. No drop report says anything was dropped or lost.
   */
  private void assertExactlyOnce(Supervised supervised, long expected, long pid) {
    var stored = stored(supervised);
    assertThat(stored.rows()).as("violations stored").isEqualTo(expected);
    assertThat(stored.distinctSequences()).as("distinct sequences").isEqualTo(expected);
    var kinds = jdbc.sql("""
        select module, syscall, action, pid, count(*) from violations where agent_id = ? and service_id = ?
        group by module, syscall, action, pid""")
        .params(supervised.agentId(), supervised.serviceId())
        .query((rs, row) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getInt(4)
            + " x" + rs.getLong(5)).list();
    assertThat(kinds).containsExactly(ForbiddenSyscallLoad.MODULE + " " + ForbiddenSyscallLoad.SYSCALL
        + " ALERTED " + pid + " x" + expected);
    List<Long> sequences = jdbc.sql("""
        select sequence from violations where agent_id = :agent
        union select sequence from observations where agent_id = :agent
        union select sequence from drop_reports where agent_id = :agent
        order by 1""").param("agent", supervised.agentId()).query(Long.class).list();
    long storedThrough = jdbc.sql("select stored_through from agent_sequences where agent_id = ?")
        .param(supervised.agentId()).query(Long.class).single();
    assertThat(sequences).as("sequences 1..stored_through without a gap")
        .isEqualTo(LongStream.rangeClosed(1, storedThrough).boxed().toList());
    long dropped = jdbc.sql("""
        select coalesce(sum(observations_dropped + violations_dropped + kernel_events_lost), 0) from drop_reports
        where agent_id = ?""").param(supervised.agentId()).query(Long.class).single();
    assertThat(dropped).as("dropped or lost events reported").isZero();
  }

  private static String enrolledAgentId(AgentProcess.Outcome enrolled) {
    var matcher = java.util.regex.Pattern.compile("enrolled as (\\S+) with").matcher(enrolled.stdout());
    assertThat(matcher.find()).as(enrolled.output()).isTrue();
    return matcher.group(1);
  }
}
