package io.capgate.agent.fleet.daemon;

import static io.capgate.agent.fleet.daemon.DaemonFixtures.BILLING;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.FASTAPI;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.assignments;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.await;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.signed;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.tampered;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.trusted;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.withKeyId;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.client.TestPortal;
import io.capgate.agent.fleet.identity.AgentIdentity;
import io.capgate.agent.fleet.supervision.SessionSpec;
import io.capgate.agent.fleet.supervision.SupervisionMode;
import io.capgate.model.protocol.AssignmentStatus;
import io.capgate.model.protocol.ProtectionState;
import io.capgate.model.protocol.ProtectionStatus;
import io.capgate.model.protocol.ServiceAssignment;
import io.capgate.model.protocol.ServiceMode;
import io.capgate.model.protocol.StatusReason;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon against the TLS portal stub: assignments verified, applied, refused, and statuses reported. */
class AgentDaemonTest {

    @TempDir
    Path tmp;

    private TestPortal portal;
    private AgentIdentity identity;
    private final FakeEngine engine = new FakeEngine();
    private final FakeProcessTable processes = new FakeProcessTable().python(4711, FASTAPI).python(4712, BILLING);
    private TestAgent agent;

    @BeforeEach
    void setUp() throws Exception {
        portal = new TestPortal();
        identity = portal.anAgent("agent-1", List.of(trusted(portal.signingKeys())));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        portal.close();
    }

    private TestAgent start() throws Exception {
        agent = new TestAgent(tmp.resolve("state"), identity, engine, processes, portal, TestAgent.roomySpool());
        return agent;
    }

    @Test
    void validAssignmentsArePlannedAndReportedProtectedOnceTheEngineAttaches() throws Exception {
        start();
        portal.assign(assignments(5, signed(portal.signingKeys(), FASTAPI, ServiceMode.KILL, "v1"),
                signed(portal.signingKeys(), BILLING, ServiceMode.OBSERVE, "b1")));

        await("both services are supervised", () -> engine.running().size() == 2);
        assertThat(engine.running()).extracting(SessionSpec::serviceId, s -> s.target().pid(),
                s -> s.policy().mode()).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(FASTAPI, 4711, SupervisionMode.KILL),
                        org.assertj.core.groups.Tuple.tuple(BILLING, 4712, SupervisionMode.OBSERVE));
        assertThat(engine.running()).allSatisfy(s -> assertThat(s.policy().manifest()).isPresent());
        await("the portal hears both are protected", () -> lastStatus(5).stream()
                .filter(s -> s.state() == ProtectionState.PROTECTED).count() == 2);
        assertThat(lastStatus(5)).extracting(ProtectionStatus::serviceId, ProtectionStatus::pid,
                ProtectionStatus::state).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(FASTAPI, 4711, ProtectionState.PROTECTED),
                        org.assertj.core.groups.Tuple.tuple(BILLING, 4712, ProtectionState.PROTECTED));
    }

    @Test
    void aTamperedManifestIsRefusedReportedAndThePreviousPolicyStays() throws Exception {
        start();
        ServiceAssignment v1 = signed(portal.signingKeys(), FASTAPI, ServiceMode.KILL, "v1");
        portal.assign(assignments(5, v1));
        await("v1 is enforced", () -> engine.running().size() == 1);
        SessionSpec enforced = engine.running().get(0);

        portal.assign(assignments(6, tampered(signed(portal.signingKeys(), FASTAPI, ServiceMode.OBSERVE, "v2"))));

        await("the refusal is reported", () -> lastStatus(6).stream()
                .anyMatch(s -> s.reason() == StatusReason.SIGNATURE_INVALID));
        ProtectionStatus refusal = lastStatus(6).stream().filter(s -> s.reason() == StatusReason.SIGNATURE_INVALID)
                .findFirst().orElseThrow();
        assertThat(refusal.serviceId()).isEqualTo(FASTAPI);
        assertThat(refusal.pid()).isZero();
        assertThat(refusal.state()).isEqualTo(ProtectionState.NOT_PROTECTED);
        assertThat(refusal.detail()).contains("v2").contains("does not match its signature");
        assertThat(of(lastStatus(6), FASTAPI, 4711)).hasValueSatisfying(s -> {
            assertThat(s.state()).isEqualTo(ProtectionState.PROTECTED);
            assertThat(s.detail()).contains("v1");
        });
        assertThat(engine.running()).containsExactly(enforced);
        assertThat(engine.started()).hasSize(1);

        portal.assign(assignments(7, tampered(signed(portal.signingKeys(), FASTAPI, ServiceMode.OBSERVE, "v2"))));
        await("revision 7 is reported", () -> !lastStatus(7).isEmpty());
        assertThat(agent.log).filteredOn(l -> l.startsWith("refused the assignment of service " + FASTAPI))
                .as("logged once").hasSize(1)
                .allSatisfy(l -> assertThat(l).contains("its last verified policy stays in force"));
    }

    @Test
    void aManifestSignedWithAnUnknownKeyIsRefused() throws Exception {
        start();
        portal.assign(assignments(3, withKeyId(signed(portal.signingKeys(), FASTAPI, ServiceMode.ALERT, "v1"),
                "rotated-key")));

        await("the refusal is reported", () -> lastStatus(3).stream()
                .anyMatch(s -> s.reason() == StatusReason.UNKNOWN_SIGNING_KEY));
        assertThat(lastStatus(3)).filteredOn(s -> s.reason() == StatusReason.UNKNOWN_SIGNING_KEY)
                .singleElement().satisfies(s -> {
                    assertThat(s.serviceId()).isEqualTo(FASTAPI);
                    assertThat(s.detail()).contains("rotated-key");
                });
        assertThat(engine.started()).isEmpty();
    }

    @Test
    void anOlderRevisionIsIgnored() throws Exception {
        start();
        portal.assign(assignments(9, signed(portal.signingKeys(), FASTAPI, ServiceMode.KILL, "v9")));
        await("revision 9 is enforced", () -> engine.running().size() == 1);

        portal.assign(assignments(8, signed(portal.signingKeys(), BILLING, ServiceMode.KILL, "old")));
        await("the old revision is logged as ignored", () -> agent.log.stream()
                .anyMatch(l -> l.contains("ignoring assignments revision 8")));

        assertThat(agent.daemon.revision()).hasValue(9);
        assertThat(engine.running()).extracting(SessionSpec::serviceId).containsExactly(FASTAPI);
        assertThat(statuses()).noneMatch(s -> s.revision() == 8);
    }

    @Test
    void aNewSessionGetsTheStatusesAtOnceAndChangesAreReported() throws Exception {
        start();
        portal.assign(assignments(5, signed(portal.signingKeys(), FASTAPI, ServiceMode.KILL, "v1")));
        await("protected", () -> lastStatus(5).stream().anyMatch(s -> s.state() == ProtectionState.PROTECTED));
        int before = statuses().size();

        portal.dropConnections();
        await("reported again on the new session", () -> portal.connectionsSoFar() == 2
                && statuses().size() > before);

        processes.exit(4711);
        await("the exit is reported", () -> of(lastStatus(5), FASTAPI, 0)
                .filter(s -> s.reason() == StatusReason.NO_PROCESS).isPresent());
    }

    private List<AssignmentStatus> statuses() {
        return portal.receivedMessages().stream().filter(m -> m instanceof AssignmentStatus)
                .map(m -> (AssignmentStatus) m).toList();
    }

    /** The statuses of the last report for {@code revision}, empty if none. */
    private List<ProtectionStatus> lastStatus(long revision) {
        return statuses().stream().filter(s -> s.revision() == revision).reduce((a, b) -> b)
                .map(AssignmentStatus::statuses).orElse(List.of());
    }

    static Optional<ProtectionStatus> of(List<ProtectionStatus> statuses, String service, int pid) {
        return statuses.stream().filter(s -> s.serviceId().equals(service) && s.pid() == pid).findFirst();
    }
}
