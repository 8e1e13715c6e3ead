package io.capgate.agent.fleet.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityStoreTest {

    private static final Clock CLOCK = Clock.fixed(TestPki.NOW, ZoneOffset.UTC);

    @TempDir
    Path tmp;
    private StateDirectory dir;
    private IdentityStore store;
    private final TestPki.Issued portalCa = TestPki.ca("Portal CA");
    private EnrollmentToken token;
    private final SigningKey signingKey = ManifestSignatureVerifierTest.keys("portal-2026").key();

    @BeforeEach
    void setUp() throws Exception {
        dir = StateDirectory.open(tmp.resolve("state"), (Integer) Files.getAttribute(tmp, "unix:uid"), m -> { });
        store = new IdentityStore(dir, TestPki.RANDOM, CLOCK);
        token = new EnrollmentToken("portal.example.com", 8443, CertificatePin.of(portalCa.certificate()),
                "c2VjcmV0LXNlY3JldC1zZWNyZXQ");
    }

    private AgentIdentity enroll() throws Exception {
        byte[] csr = store.certificateRequest("web-01");
        return store.saveEnrollment("agent-7", token, List.of(TestPki.client(portalCa, csr)),
                portalCa.certificate(), List.of(signingKey));
    }

    @Test
    void theKeyPairIsMadeOnceAndKept() throws Exception {
        var first = store.keyPair();
        var again = new IdentityStore(dir, TestPki.RANDOM, CLOCK).keyPair();

        assertThat(again.getPublic()).isEqualTo(first.getPublic());
        assertThat(again.getPrivate()).isEqualTo(first.getPrivate());
        assertThat(Files.getPosixFilePermissions(dir.path().resolve(IdentityStore.KEY)))
                .hasSize(2).allMatch(p -> p.name().startsWith("OWNER"));
    }

    @Test
    void notEnrolledUntilAnEnrollmentIsSaved() throws Exception {
        store.keyPair();

        assertThat(store.load()).isEmpty();
    }

    @Test
    void anEnrollmentIsStoredAndLoadedBack() throws Exception {
        AgentIdentity saved = enroll();

        AgentIdentity loaded = new IdentityStore(dir, TestPki.RANDOM, CLOCK).load().orElseThrow();

        assertThat(loaded.agentId()).isEqualTo("agent-7");
        assertThat(loaded.portalHost()).isEqualTo("portal.example.com");
        assertThat(loaded.portalPort()).isEqualTo(8443);
        assertThat(loaded.chain()).isEqualTo(saved.chain());
        assertThat(loaded.portalCa()).isEqualTo(portalCa.certificate());
        assertThat(loaded.pin()).isEqualTo(token.pin());
        assertThat(loaded.signingKeys()).isEqualTo(List.of(signingKey));
        assertThat(loaded.certificateExpiry()).isEqualTo(saved.chain().get(0).getNotAfter().toInstant());
        assertThat(loaded.tlsMaterial().keyManager()).isPresent();
        assertThat(loaded.chain().get(0).getSubjectX500Principal().getName()).isEqualTo("CN=web-01");
    }

    @Test
    void theCaMustBeThePinnedOne() throws Exception {
        TestPki.Issued other = TestPki.ca("Other CA");
        byte[] csr = store.certificateRequest("web-01");

        assertThatThrownBy(() -> store.saveEnrollment("agent-7", token, List.of(TestPki.client(other, csr)),
                other.certificate(), List.of())).isInstanceOf(IdentityException.class)
                .hasMessageContaining("is not the pinned one");
        assertThat(store.load()).isEmpty();
    }

    @Test
    void theCertificateMustBeForThisAgentsKey() throws Exception {
        byte[] someoneElses = CertificateRequests.csr(CertificateRequests.newKeyPair(TestPki.RANDOM), "web-01");

        assertThatThrownBy(() -> store.saveEnrollment("agent-7", token, List.of(TestPki.client(portalCa, someoneElses)),
                portalCa.certificate(), List.of())).hasMessageContaining("for another key");
    }

    @Test
    void theCertificateMustChainToTheCaAndBeValidNow() throws Exception {
        var keys = store.keyPair();
        var expired = TestPki.issue(portalCa, keys.getPublic(), "CN=web-01", TestPki.Kind.CLIENT,
                TestPki.NOW.minus(Duration.ofDays(10)), TestPki.NOW.minus(Duration.ofDays(1)));
        var foreign = TestPki.issue(TestPki.ca("Portal CA"), keys.getPublic(), "CN=web-01", TestPki.Kind.CLIENT,
                TestPki.NOW.minus(Duration.ofDays(1)), TestPki.NOW.plus(Duration.ofDays(1)));

        assertThatThrownBy(() -> store.saveEnrollment("agent-7", token, List.of(expired), portalCa.certificate(),
                List.of())).hasMessageContaining("does not chain to the pinned portal CA, valid now");
        assertThatThrownBy(() -> store.saveEnrollment("agent-7", token, List.of(foreign), portalCa.certificate(),
                List.of())).hasMessageContaining("does not chain to the pinned portal CA");
    }

    @Test
    void aSwappedCaFileIsDetectedOnLoad() throws Exception {
        enroll();
        dir.write(IdentityStore.CA, Pem.certificates(List.of(TestPki.ca("Portal CA").certificate()))
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> store.load()).isInstanceOf(IdentityException.class)
                .hasMessageContaining("is not the pinned one");
    }

    @Test
    void aDamagedEnrollmentFileSaysToEnrollAgain() throws Exception {
        enroll();
        dir.write(IdentityStore.ENROLLMENT, "agentId=agent-7\nportalPort=eighty\n".getBytes());

        assertThatThrownBy(() -> store.load()).isInstanceOf(IdentityException.class)
                .hasMessageContaining("is damaged").hasMessageContaining("enroll the agent again");
    }
}
