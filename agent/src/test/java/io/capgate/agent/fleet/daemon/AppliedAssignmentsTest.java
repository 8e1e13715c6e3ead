package io.capgate.agent.fleet.daemon;

import static io.capgate.agent.fleet.daemon.DaemonFixtures.BILLING;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.FASTAPI;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.assignments;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.newSigningKeys;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.signed;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.tampered;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.daemon.AppliedAssignments.Outcome;
import io.capgate.model.protocol.ServiceAssignment;
import io.capgate.model.protocol.ServiceMode;
import io.capgate.model.protocol.StatusReason;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which assignments are in force after a sequence of ASSIGNMENTS frames. */
class AppliedAssignmentsTest {

    private final KeyPair keys = newSigningKeys();
    private final List<String> log = new ArrayList<>();
    private final AppliedAssignments applied = new AppliedAssignments(verifier(keys), log::add);
    private final ServiceAssignment v1 = signed(keys, FASTAPI, ServiceMode.KILL, "v1");

    @Test
    void aRefusedAssignmentKeepsTheLastVerifiedOneAndIsRememberedAsRefused() {
        applied.apply(assignments(1, v1));

        assertThat(applied.apply(assignments(2, tampered(signed(keys, FASTAPI, ServiceMode.OBSERVE, "v2")))))
                .isEqualTo(Outcome.UNCHANGED);

        assertThat(applied.inForce()).containsOnlyKeys(FASTAPI);
        assertThat(applied.inForce().get(FASTAPI).signed()).isEqualTo(v1);
        assertThat(applied.refusals()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(StatusReason.SIGNATURE_INVALID);
            assertThat(r.versionId()).isEqualTo("v2");
        });
        assertThat(applied.revision()).hasValue(2);
        assertThat(applied.toFrame().services()).containsExactly(v1);
    }

    @Test
    void aRefusedNewServiceIsNotSupervisedAtAll() {
        applied.apply(assignments(1, tampered(v1)));

        assertThat(applied.inForce()).isEmpty();
        assertThat(log).singleElement().asString().contains("it had no verified policy");
    }

    @Test
    void theSameRefusalIsLoggedOnce() {
        ServiceAssignment forged = tampered(signed(keys, FASTAPI, ServiceMode.OBSERVE, "v2"));
        applied.apply(assignments(1, forged));
        applied.apply(assignments(2, forged));
        applied.apply(assignments(3, forged));

        assertThat(log).hasSize(1);
        assertThat(applied.refusals()).hasSize(1);
    }

    @Test
    void anOlderRevisionIsIgnoredAndTheSameOneIsApplied() {
        applied.apply(assignments(5, v1));

        assertThat(applied.apply(assignments(4, signed(keys, BILLING, ServiceMode.KILL, "b")))).isEqualTo(
                Outcome.IGNORED);
        assertThat(applied.inForce()).containsOnlyKeys(FASTAPI);
        assertThat(applied.apply(assignments(5, v1))).isEqualTo(Outcome.UNCHANGED);
        assertThat(applied.apply(assignments(6, v1, signed(keys, BILLING, ServiceMode.KILL, "b"))))
                .isEqualTo(Outcome.CHANGED);
    }

    @Test
    void theFirstAssignmentsOfASessionWinsOverAHigherPersistedRevision() {
        applied.apply(assignments(90, signed(keys, BILLING, ServiceMode.OBSERVE, "edited-on-host")));
        applied.newSession();

        assertThat(applied.apply(assignments(7, v1))).isEqualTo(Outcome.CHANGED);
        assertThat(applied.inForce()).containsOnlyKeys(FASTAPI);
        assertThat(applied.revision()).hasValue(7);
        assertThat(applied.apply(assignments(6, signed(keys, BILLING, ServiceMode.KILL, "late"))))
                .as("later in the same session the revision order holds again").isEqualTo(Outcome.IGNORED);
    }

    @Test
    void aServiceLeftOutIsReleased() {
        applied.apply(assignments(1, v1, signed(keys, BILLING, ServiceMode.ALERT, "b")));

        assertThat(applied.apply(assignments(2, v1))).isEqualTo(Outcome.CHANGED);

        assertThat(applied.assignments()).containsOnlyKeys(FASTAPI);
    }
}
