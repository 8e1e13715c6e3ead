package io.capgate.agent.fleet.daemon;

import static io.capgate.agent.fleet.daemon.DaemonFixtures.FASTAPI;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.newSigningKeys;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.signed;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.signedText;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.tampered;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.verifier;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.withKeyId;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.daemon.AssignmentVerifier.Accepted;
import io.capgate.agent.fleet.daemon.AssignmentVerifier.Refusal;
import io.capgate.agent.fleet.discovery.MatcherSpec;
import io.capgate.agent.fleet.supervision.SupervisionMode;
import io.capgate.model.protocol.ProcessMatcher;
import io.capgate.model.protocol.ServiceAssignment;
import io.capgate.model.protocol.ServiceMode;
import io.capgate.model.protocol.StatusReason;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

/** Only a manifest signed by a known key, that parses, with a usable matcher, becomes an assignment. */
class AssignmentVerifierTest {

    private final KeyPair keys = newSigningKeys();
    private final AssignmentVerifier verifier = verifier(keys);

    @Test
    void aSignedManifestIsAcceptedWithItsModeAndMatcher() {
        for (ServiceMode mode : ServiceMode.values()) {
            assertThat(verifier.verify(signed(keys, FASTAPI, mode, "v1"))).isInstanceOfSatisfying(Accepted.class,
                    a -> {
                        assertThat(a.assignment().mode()).isEqualTo(SupervisionMode.valueOf(mode.name()));
                        assertThat(a.assignment().manifest()).hasValueSatisfying(m ->
                                assertThat(m.versionId()).isEqualTo("v1"));
                        assertThat(a.assignment().matcher()).isInstanceOfSatisfying(MatcherSpec.Executable.class,
                                e -> {
                                    assertThat(e.path()).isEqualTo(Path.of(DaemonFixtures.PYTHON));
                                    assertThat(e.argumentPattern()).hasValueSatisfying(p ->
                                            assertThat(p.pattern()).isEqualTo(FASTAPI));
                                });
                    });
        }
    }

    @Test
    void anObservedServiceWithoutAManifestIsAccepted() {
        assertThat(verifier.verify(DaemonFixtures.observedOnly("svc-new"))).isInstanceOfSatisfying(Accepted.class,
                a -> assertThat(a.assignment().manifest()).isEmpty());
    }

    @Test
    void oneFlippedByteIsSignatureInvalid() {
        assertThat(verifier.verify(tampered(signed(keys, FASTAPI, ServiceMode.KILL, "v2"))))
                .isEqualTo(refusal("v2", StatusReason.SIGNATURE_INVALID, "does not match its signature"));
    }

    @Test
    void anotherPortalsSignatureIsSignatureInvalid() {
        assertThat(verifier.verify(signed(newSigningKeys(), FASTAPI, ServiceMode.KILL, "v2")))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.reason())
                        .isEqualTo(StatusReason.SIGNATURE_INVALID));
    }

    @Test
    void anUnknownKeyIdIsUnknownSigningKey() {
        assertThat(verifier.verify(withKeyId(signed(keys, FASTAPI, ServiceMode.KILL, "v2"), "next-key")))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.reason()).isEqualTo(StatusReason.UNKNOWN_SIGNING_KEY);
                    assertThat(r.detail()).contains("next-key").contains("Re-enroll");
                });
    }

    @Test
    void aSignedDocumentThatIsNoManifestIsManifestInvalid() {
        assertThat(verifier.verify(signedText(keys, FASTAPI, ServiceMode.KILL, "v3", "apiVersion: nope\n")))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.reason()).isEqualTo(StatusReason.MANIFEST_INVALID);
                    assertThat(r.versionId()).isEqualTo("v3");
                    assertThat(r.detail()).contains("manifest v3 is signed but cannot be used");
                });
    }

    @Test
    void aMatcherThisHostCannotUseIsRefusedWithoutLookingFurther() {
        ServiceAssignment a = signed(keys, FASTAPI, ServiceMode.KILL, "v1");
        ServiceAssignment badUnit = new ServiceAssignment(a.serviceId(), a.name(),
                new ProcessMatcher.SystemdUnit("../etc/passwd"), a.mode(), a.manifest());
        assertThat(verifier.verify(badUnit)).isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(r.reason()).isEqualTo(StatusReason.INTERNAL);
            assertThat(r.detail()).contains("process matcher");
        });
        ServiceAssignment dotted = new ServiceAssignment(a.serviceId(), a.name(),
                new ProcessMatcher.Executable("/usr/bin/../bin/python3.11", ""), a.mode(), a.manifest());
        assertThat(verifier.verify(dotted)).isInstanceOfSatisfying(Accepted.class, ok -> assertThat(
                ((MatcherSpec.Executable) ok.assignment().matcher()).path()).isEqualTo(Path.of("/usr/bin/python3.11")));
    }

    private static Refusal refusal(String version, StatusReason reason, String detailPart) {
        return new Refusal(FASTAPI, version, reason, "manifest " + version + " " + detailPart + " by key '"
                + DaemonFixtures.KEY_ID + "': it was changed after signing or signed with another key; refusing to "
                + "enforce it");
    }
}
