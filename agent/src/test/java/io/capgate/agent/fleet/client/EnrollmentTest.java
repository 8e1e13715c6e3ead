package io.capgate.agent.fleet.client;

import io.capgate.agent.fleet.identity.TestPki;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.agent.fleet.client.EnrollmentException.Reason;
import io.capgate.agent.fleet.identity.AgentIdentity;
import io.capgate.agent.fleet.identity.CertificatePin;
import io.capgate.agent.fleet.identity.EnrollmentToken;
import io.capgate.agent.fleet.identity.IdentityStore;
import io.capgate.agent.fleet.identity.StateDirectory;
import io.capgate.model.protocol.EnrollRequest;
import io.capgate.model.protocol.ErrorCode;
import io.capgate.model.protocol.ErrorReply;
import io.capgate.model.protocol.ProtocolFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enrollment against a TLS portal stub that signs CSRs with its test CA. */
class EnrollmentTest {

    static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQ";

    @TempDir
    Path tmp;

    private TestPortal portal;
    private IdentityStore store;
    private Path stateDir;

    @BeforeEach
    void setUp() throws Exception {
        portal = new TestPortal();
        stateDir = tmp.resolve("state");
        int uid = (Integer) Files.getAttribute(tmp, "unix:uid");
        store = new IdentityStore(StateDirectory.open(stateDir, uid, n -> { }), new SecureRandom(),
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        portal.close();
    }

    private EnrollmentToken token(CertificatePin pin) {
        return new EnrollmentToken("localhost", portal.port(), pin, SECRET);
    }

    private AgentIdentity enroll(EnrollmentToken token) throws Exception {
        return new Enrollment(Duration.ofSeconds(20)).enroll(token, store, ProtocolFixtures.aHost());
    }

    @Test
    void storesTheIssuedCertificateAndThePinnedCa() throws Exception {
        EnrollmentToken token = token(portal.pin);

        AgentIdentity identity = enroll(token);

        assertThat(identity.agentId()).isEqualTo("agent-1");
        EnrollRequest request = (EnrollRequest) portal.received.getFirst();
        assertThat(request.token()).isEqualTo(token.encode());
        assertThat(request.host()).isEqualTo(ProtocolFixtures.aHost());
        AgentIdentity loaded = store.load().orElseThrow();
        assertThat(loaded.agentId()).isEqualTo("agent-1");
        assertThat(loaded.portalCa()).isEqualTo(portal.ca.certificate());
        assertThat(loaded.chain().getFirst().getPublicKey()).isEqualTo(store.keyPair().getPublic());
        assertThat(loaded.portalHost()).isEqualTo("localhost");
        assertThat(loaded.portalPort()).isEqualTo(portal.port());
        assertThat(Files.exists(stateDir.resolve("enrollment.properties"))).isTrue();
    }

    @Test
    void theEnrolledIdentityOpensASession() throws Exception {
        AgentIdentity identity = enroll(token(portal.pin));
        ClientFixtures.Recorder recorder = new ClientFixtures.Recorder();
        try (var spool = ClientFixtures.spool(tmp.resolve("spool"));
             var connection = new AgentConnection(ConnectionSettings.defaults("localhost", portal.port(),
                     identity.agentId(), "0.1.0-test", ProtocolFixtures.aHost()),
                     ClientTls.context(identity.tlsMaterial()), spool, Clock.systemUTC(), new SecureRandom(),
                     recorder).start()) {
            ClientFixtures.await("the session is open", () -> recorder.states.contains(AgentConnection.State.OPEN));
        }
    }

    @Test
    void aPortalWithAnotherCaIsRefusedBeforeTheTokenIsSent() throws Exception {
        CertificatePin otherPin = CertificatePin.of(TestPki.ca("Impostor CA").certificate());

        assertThatThrownBy(() -> enroll(token(otherPin))).isInstanceOfSatisfying(EnrollmentException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.UNTRUSTED_PORTAL);
            assertThat(e.getMessage()).contains("not trusted").contains("Nothing was sent").contains(otherPin.hex());
        });
        Thread.sleep(200);
        assertThat(portal.received).isEmpty();
        assertThat(store.load()).isEmpty();
    }

    @Test
    void aUsedTokenIsRefusedWithTheReason() throws Exception {
        portal.enrollReply = new ErrorReply(1, ErrorCode.ENROLLMENT_TOKEN_USED, "token already redeemed");

        assertThatThrownBy(() -> enroll(token(portal.pin))).isInstanceOfSatisfying(EnrollmentException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.REFUSED);
            assertThat(e.code()).contains(ErrorCode.ENROLLMENT_TOKEN_USED);
            assertThat(e.getMessage()).contains("already used").contains("create a new one");
        });
        assertThat(store.load()).isEmpty();
    }

    @Test
    void anUnreachablePortalSaysSo() throws Exception {
        EnrollmentToken token = token(portal.pin);
        portal.close();

        assertThatThrownBy(() -> enroll(token)).isInstanceOfSatisfying(EnrollmentException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
            assertThat(e.getMessage()).contains("cannot reach the portal at localhost:" + token.port());
        });
        portal = new TestPortal();
    }
}
