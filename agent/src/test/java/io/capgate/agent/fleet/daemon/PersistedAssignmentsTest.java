package io.capgate.agent.fleet.daemon;

import static io.capgate.agent.fleet.daemon.DaemonFixtures.BILLING;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.FASTAPI;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.assignments;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.await;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.signed;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.trusted;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.client.TestPortal;
import io.capgate.agent.fleet.identity.AgentIdentity;
import io.capgate.agent.fleet.supervision.SessionSpec;
import io.capgate.agent.fleet.supervision.SupervisionMode;
import io.capgate.model.protocol.AssignmentStatus;
import io.capgate.model.protocol.ProtectionState;
import io.capgate.model.protocol.ServiceMode;
import io.capgate.model.protocol.StatusReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enforcement without the portal: the last applied assignments are persisted and supervised again at start. */
class PersistedAssignmentsTest {

    @TempDir
    Path tmp;

    private TestPortal portal;
    private AgentIdentity identity;
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

    /** Runs an agent connected to the portal until it applied revision 4, then stops it. */
    private void applyOnceWithThePortal(FakeEngine engine) throws Exception {
        try (TestAgent first = new TestAgent(state(), identity, engine, processes, portal, TestAgent.roomySpool())) {
            portal.assign(assignments(4, signed(portal.signingKeys(), FASTAPI, ServiceMode.KILL, "v1"),
                    signed(portal.signingKeys(), BILLING, ServiceMode.ALERT, "b1")));
            await("both supervised", () -> engine.running().size() == 2);
        }
        assertThat(engine.running()).as("a clean stop detaches every session").isEmpty();
    }

    private Path state() {
        return tmp.resolve("state");
    }

    private Path file() {
        return state().resolve(AssignmentFile.NAME);
    }

    @Test
    void theLastAppliedAssignmentsAreSupervisedAgainAtStartWithoutAnyPortal() throws Exception {
        applyOnceWithThePortal(new FakeEngine());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        portal.close();

        FakeEngine restarted = new FakeEngine();
        agent = new TestAgent(state(), identity, restarted, processes, null, TestAgent.roomySpool());

        assertThat(restarted.running()).as("supervising when start returns").extracting(SessionSpec::serviceId,
                s -> s.policy().mode(), s -> s.policy().manifest().orElseThrow().versionId())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(FASTAPI, SupervisionMode.KILL, "v1"),
                        org.assertj.core.groups.Tuple.tuple(BILLING, SupervisionMode.ALERT, "b1"));
        assertThat(agent.daemon.revision()).hasValue(4);
        assertThat(agent.log).anyMatch(l -> l.contains("resuming supervision of 2 services"));
        await("protected without a portal", () -> agent.daemon.statuses().stream()
                .filter(s -> s.state() == ProtectionState.PROTECTED).count() == 2);
    }

    @Test
    void aTamperedPersistedFileIsRefusedAndReportedOnceConnected() throws Exception {
        applyOnceWithThePortal(new FakeEngine());
        byte[] bytes = Files.readAllBytes(file());
        bytes[bytes.length - 200] ^= 0x01; // inside the last manifest
        Files.write(file(), bytes);

        FakeEngine restarted = new FakeEngine();
        portal.forgetAssignments(); // a portal that has not sent assignments yet
        agent = new TestAgent(state(), identity, restarted, processes, portal, TestAgent.roomySpool());

        assertThat(restarted.started()).as("nothing from a tampered file is enforced").isEmpty();
        assertThat(agent.log).anyMatch(l -> l.contains("refusing the persisted assignments in " + file())
                && l.contains("changed outside the agent"));
        await("the refusal reaches the portal", () -> portal.receivedMessages().stream()
                .filter(m -> m instanceof AssignmentStatus).map(m -> (AssignmentStatus) m)
                .anyMatch(s -> s.statuses().stream().filter(p -> p.reason() == StatusReason.INTERNAL
                        && p.detail().contains("changed outside the agent")).count() == 2));
    }

    @Test
    void aPersistedManifestIsVerifiedAgainWithTheKeysOfNow() throws Exception {
        applyOnceWithThePortal(new FakeEngine());
        // re-enrolled with another portal: the stored manifests' key is no longer trusted
        AgentIdentity reenrolled = portal.anAgent("agent-1", List.of(trusted(DaemonFixtures.newSigningKeys())));

        FakeEngine restarted = new FakeEngine();
        agent = new TestAgent(state(), reenrolled, restarted, processes, null, TestAgent.roomySpool());

        assertThat(restarted.started()).isEmpty();
        assertThat(agent.daemon.statuses()).filteredOn(s -> s.reason() == StatusReason.SIGNATURE_INVALID)
                .extracting(s -> s.serviceId()).containsExactlyInAnyOrder(FASTAPI, BILLING);
    }
}
