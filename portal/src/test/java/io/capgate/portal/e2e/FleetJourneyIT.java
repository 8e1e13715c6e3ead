package io.capgate.portal.e2e;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.protocol.ProtectionState;
import io.capgate.model.protocol.ServiceMode;
import io.capgate.model.protocol.StatusReason;
import io.capgate.portal.agents.AgentAssignment;
import io.capgate.portal.agents.AgentAssignments;
import io.capgate.portal.agents.AgentRegistry;
import io.capgate.portal.agents.AgentStatus;
import io.capgate.portal.agents.AssignmentProtection;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.manifests.ManifestState;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.services.ServiceRegistry;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import io.capgate.portal.traces.ObservationSummary;
import io.capgate.portal.traces.Observations;
import io.capgate.portal.traces.TraceReview;
import io.capgate.portal.violations.StoredViolation;
import io.capgate.portal.violations.ViolationFilter;
import io.capgate.portal.violations.Violations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue #4's end to end, on real parts: the portal (TLS gateway, PostgreSQL), the packaged agent as its own
 * root process running bpftrace, and the FastAPI sample under Debian's python3.11. An operator creates a token,
 * the agent enrolls with it, the admin registers the sample, the operator assigns it in OBSERVE, requests are
 * driven, the observations arrive, the developer turns them into v1 (the trace review's one action) and submits it, the reviewer approves and
 * activates it, the operator switches to KILL, and {@code /backdoor} gets the sample killed: the violation is
 * in the portal with its Python stack, the process exited with 137, and the agent reports the service as no
 * longer having a protected process. Each phase's duration is printed.
 */
@PortalTest
class FleetJourneyIT {

  private static final Duration ATTACH = Duration.ofSeconds(90);

  @Autowired Fixtures fixtures;
  @Autowired EnrollmentTokens tokens;
  @Autowired AgentRegistry agents;
  @Autowired ServiceRegistry services;
  @Autowired AgentAssignments assignments;
  @Autowired ManifestVersions versions;
  @Autowired Approvals approvals;
  @Autowired Observations observations;
  @Autowired TraceReview traceReview;
  @Autowired Violations violations;

  @TempDir Path tmp;

  @Test
  void enrollObserveBuildApproveKill() throws Exception {
    FleetRequirements.kernel();
    var fleet = new Fleet(fixtures, tokens, agents, services, true);
    var manifests = new ManifestSteps(fleet, versions, approvals);
    var phases = new Phases("FleetJourneyIT phases");
    Path logs = Path.of("target", "fleet-logs", "FleetJourneyIT");
    try (var agent = new AgentProcess(tmp.resolve("agent-state"), logs);
        var sample = phases.time("start the FastAPI sample", () -> startSample(logs))) {
      String agentId = phases.time("create a token and enroll the agent (CLI)", () -> {
        var enrolled = agent.enroll(fleet.token());
        assertThat(enrolled.exitCode()).as(enrolled.output()).isZero();
        return fleet.newestAgent().id();
      });
      phases.time("agent run: online in the portal", () -> {
        agent.start();
        Poll.until("the agent to be online", Duration.ofSeconds(60),
            () -> fleet.agent(agentId).status() == AgentStatus.ONLINE, agent::diagnosis);
      });
      var service = fleet.register("fastapi-demo-" + Fixtures.unique(), FleetRequirements.PYTHON.toString(),
          sample.argumentRegex());
      phases.time("assign in OBSERVE until the process is protected", () -> {
        as(fleet.operator, () -> assignments.assign(agentId, service.id(), ServiceMode.OBSERVE));
        awaitProtected(fleet, agent, service.id(), sample.pid(), Instant.EPOCH);
      });
      Instant observedFrom = Instant.now();
      phases.time("drive 40 requests", () -> sample.drive(40));
      List<ObservationSummary> observed = phases.time("observations arrive in the portal", () -> Poll.until(
          "observations of the requests", ATTACH,
          () -> as(fleet.developer, () -> observations.summary(service.id(), observedFrom.minusSeconds(60),
              Instant.now().plusSeconds(60))),
          rows -> rows.stream().anyMatch(row -> row.module().equals("uvicorn")), agent::diagnosis));
      System.out.println("FleetJourneyIT observed " + observed.size() + " (module, syscall, program) rows: "
          + observed.stream().map(r -> r.module() + ":" + r.syscall() + "=" + r.count()).toList());

      var v1 = phases.time("build v1, submit, approve (four eyes), activate", () -> {
        var draft = as(fleet.developer, () -> traceReview.turnIntoDraft(service.id(), observedFrom.minusSeconds(60),
            Instant.now().plusSeconds(60)));
        var version = manifests.submit(draft.version().id());
        manifests.approve(version.id());
        assertThat(manifests.state(version.id())).isEqualTo(ManifestState.APPROVED);
        manifests.activate(version.id());
        assertThat(manifests.state(version.id())).isEqualTo(ManifestState.ACTIVE);
        return version;
      });
      assertThat(v1.version()).isEqualTo(1);

      Instant switched = phases.time("switch to KILL until the agent enforces v1", () -> {
        var changed = as(fleet.operator, () -> assignments.changeMode(agentId, service.id(), ServiceMode.KILL));
        assertThat(changed.activeVersion()).isEqualTo(1);
        awaitProtected(fleet, agent, service.id(), sample.pid(), changed.changedAt());
        return changed.changedAt();
      });
      phases.time("the normal routes still work under KILL", () -> sample.drive(10));

      int backdoor = phases.time("GET /backdoor", sample::backdoor);
      int exit = phases.time("the sample is killed", () -> sample.awaitExit(Duration.ofSeconds(30)));
      StoredViolation violation = phases.time("the violation arrives in the portal", () -> Poll.until(
          "the backdoor's violation", Duration.ofSeconds(60),
          () -> as(fleet.operator, () -> violations.page(ViolationFilter.ofService(service.id()), null, 10)).items(),
          items -> !items.isEmpty(), agent::diagnosis).getLast());
      // The first report after the kill may still list the dead pid as NO_PROCESS ("process N is gone", from its
      // engine session) until the next process scan drops it; the service without a process is what it settles on.
      AgentAssignment reported = phases.time("the agent reports the killed process", () -> Poll.until(
          "the agent to report the service without a process", Duration.ofSeconds(60),
          () -> assignment(fleet, service.id()),
          a -> a.lastReportAt() != null && a.lastReportAt().isAfter(switched)
              && a.processes().stream().anyMatch(p -> p.reason() == StatusReason.NO_PROCESS)
              && a.processes().stream().noneMatch(p -> p.pid() == sample.pid()),
          agent::diagnosis));
      phases.print();

      assertThat(backdoor).as("the backdoor request never got an answer").isEqualTo(-1);
      assertThat(exit).as("SIGKILL").isEqualTo(137);
      assertThat(violation.agentId()).isEqualTo(agentId);
      assertThat(violation.pid()).isEqualTo((int) sample.pid());
      assertThat(violation.module()).isEqualTo("app.main");
      assertThat(violation.action()).isEqualTo("KILLED");
      assertThat(violation.syscall()).as(violation.toString()).startsWith("clone");
      assertThat(violation.stack()).as("the Python stack").anySatisfy(frame -> {
        assertThat(frame.file()).endsWith("app/main.py");
        assertThat(frame.function()).isEqualTo("backdoor");
      });
      assertThat(reported.protection()).isEqualTo(AssignmentProtection.NOT_PROTECTED);
      assertThat(reported.processes()).as("the killed process is gone from the report")
          .noneMatch(p -> p.pid() == sample.pid());
      assertThat(agent.isAlive()).as("the agent keeps running").isTrue();
    }
  }

  private SampleService startSample(Path logs) {
    try {
      return SampleService.start(logs);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private AgentAssignment assignment(Fleet fleet, long serviceId) {
    return as(fleet.operator, () -> assignments.forService(serviceId)).getFirst();
  }

  /** Waits until the agent reports the process PROTECTED under its current policy in a report newer than {@code since}. */
  private void awaitProtected(Fleet fleet, AgentProcess agent, long serviceId, long pid, Instant since) {
    Poll.until("the agent to report pid " + pid + " protected", ATTACH, () -> assignment(fleet, serviceId),
        a -> a.processes().stream().anyMatch(p -> p.pid() == pid && p.state() == ProtectionState.PROTECTED
            && p.reportedAt().isAfter(since) && !p.detail().startsWith(Fleet.BY_PREVIOUS_POLICY)),
        agent::diagnosis);
  }
}
