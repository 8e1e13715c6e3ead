package io.capgate.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.client.TestPortal;
import io.capgate.agent.fleet.identity.CertificatePin;
import io.capgate.agent.fleet.identity.EnrollmentToken;
import io.capgate.model.protocol.EnrollRequest;
import io.capgate.model.protocol.ErrorCode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capgate agent enroll} and {@code capgate agent run} against a TLS portal stub. */
class AgentCommandTest {

    private static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQ";

    @TempDir
    Path tmp;

    private final CliRun cli = new CliRun();
    private TestPortal portal;
    private String stateDir;

    @BeforeEach
    void setUp() throws Exception {
        portal = new TestPortal();
        stateDir = tmp.resolve("state").toString();
    }

    @AfterEach
    void tearDown() {
        portal.close();
    }

    private String token(CertificatePin pin, int port) {
        return new EnrollmentToken("localhost", port, pin, SECRET).encode();
    }

    @Test
    void helpNamesTheVerbsAndExitCodes() {
        assertThat(cli.execute("agent", "--help")).isZero();
        assertThat(cli.out()).contains("enroll").contains("run").contains("77").contains("78");
        assertThat(cli.execute("agent", "enroll", "--help")).isZero();
        assertThat(cli.out()).contains("--token").contains("/var/lib/capgate-agent");
    }

    @Test
    void enrollsAndStoresTheIdentity() {
        assertThat(cli.execute("agent", "enroll", "--token", token(portal.caPin(), portal.port()),
                "--state-dir", stateDir)).isZero();
        assertThat(cli.out()).contains("enrolled as agent-1 with the portal at localhost:" + portal.port())
                .contains("capgate agent run --state-dir");
        assertThat(Files.exists(Path.of(stateDir, "enrollment.properties"))).isTrue();
        assertThat(portal.receivedMessages()).singleElement().isInstanceOf(EnrollRequest.class);
    }

    @Test
    void aBadTokenIsADataError() {
        assertThat(cli.execute("agent", "enroll", "--token", "not-a-token", "--state-dir", stateDir)).isEqualTo(65);
        assertThat(cli.err()).contains("capgate: bad enrollment token: an enrollment token starts with 'cgt_'");
    }

    @Test
    void aPinMismatchSendsNothingAndExits76() {
        CertificatePin other = new CertificatePin(HexFormat.of().formatHex(new byte[32]));
        assertThat(cli.execute("agent", "enroll", "--token", token(other, portal.port()), "--state-dir", stateDir))
                .isEqualTo(76);
        assertThat(cli.err()).contains("the portal is not trusted").contains("Nothing was sent");
        assertThat(portal.receivedMessages()).isEmpty();
    }

    @Test
    void anUnreachablePortalExits69() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThat(cli.execute("agent", "enroll", "--token", token(portal.caPin(), closed), "--state-dir",
                stateDir)).isEqualTo(69);
        assertThat(cli.err()).contains("cannot reach the portal at localhost:" + closed);
    }

    @Test
    void runWithoutEnrollingSaysWhatToDo() {
        assertThat(cli.execute("agent", "run", "--state-dir", stateDir)).isEqualTo(78);
        assertThat(cli.err()).contains("not enrolled").contains("capgate agent enroll --token");
    }

    @Test
    void runStopsWhenThePortalRefusesTheAgent() {
        assertThat(cli.execute("agent", "enroll", "--token", token(portal.caPin(), portal.port()),
                "--state-dir", stateDir)).isZero();
        portal.refuseHellos(ErrorCode.UNAUTHORIZED);

        assertThat(cli.execute("agent", "run", "--state-dir", stateDir)).isEqualTo(77);
        assertThat(cli.err()).contains("CONNECTING: connecting to localhost:" + portal.port())
                .contains("REFUSED: the portal refused this agent (UNAUTHORIZED)")
                .contains("capgate: the portal refused this agent");
    }
}
