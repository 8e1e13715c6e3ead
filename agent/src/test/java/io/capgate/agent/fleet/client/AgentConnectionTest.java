package io.capgate.agent.fleet.client;

import static io.capgate.agent.fleet.client.ClientFixtures.await;
import static io.capgate.agent.fleet.client.ClientFixtures.connect;
import static io.capgate.agent.fleet.client.ClientFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.client.AgentConnection.State;
import io.capgate.agent.fleet.client.ClientFixtures.Recorder;
import io.capgate.agent.fleet.spool.Spool;
import io.capgate.model.protocol.ErrorCode;
import io.capgate.model.protocol.ErrorReply;
import io.capgate.model.protocol.Heartbeat;
import io.capgate.model.protocol.Hello;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session against a TLS portal stub on loopback: handshake, heartbeats, idle close, refusals. */
class AgentConnectionTest {

    @TempDir
    Path dir;

    private TestPortal portal;
    private Spool spool;
    private AgentConnection connection;
    private final Recorder recorder = new Recorder();

    @BeforeEach
    void setUp() throws Exception {
        portal = new TestPortal();
        spool = ClientFixtures.spool(dir.resolve("spool"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (connection != null) {
            connection.close();
        }
        portal.close();
        spool.close();
    }

    @Test
    void saysHelloOverMutualTlsAndOpensOnHelloAck() throws Exception {
        connection = connect(portal, settings(portal.port()), spool, recorder);

        await("the session is open", () -> recorder.states.contains(State.OPEN));
        Hello hello = (Hello) portal.received.getFirst();
        assertThat(hello.agentId()).isEqualTo(ClientFixtures.AGENT_ID);
        assertThat(hello.minVersion()).isEqualTo(1);
        assertThat(hello.maxVersion()).isEqualTo(1);
        assertThat(hello.requestId()).isEqualTo(1);
        assertThat(recorder.lines()).anyMatch(l -> l.contains("session open, protocol version 1"));
        assertThat(portal.connections).hasValue(1);
    }

    @Test
    void sendsHeartbeatsAtTheIntervalTheHelloAckGives() throws Exception {
        portal.heartbeat = Duration.ofMillis(50);
        connection = connect(portal, settings(portal.port()), spool, recorder);

        await("three heartbeats", () -> portal.received.stream().filter(m -> m instanceof Heartbeat).count() >= 3);
        assertThat(portal.connections).hasValue(1);
    }

    @Test
    void closesAfterReadIdleAndReconnectsWithBackoff() throws Exception {
        portal.heartbeat = Duration.ofMillis(100);
        portal.echoHeartbeats = false;
        connection = connect(portal, ClientFixtures.withIdle(settings(portal.port()), Duration.ofMillis(100),
                Duration.ofMillis(400)), spool, recorder);

        await("a second connection", () -> portal.connections.get() >= 2);
        assertThat(recorder.lines()).anyMatch(l -> l.startsWith("nothing read from the portal"))
                .anyMatch(l -> l.startsWith("WAITING: disconnected from the portal; reconnecting in"));
        assertThat(connection.finished()).isNotDone();
    }

    @Test
    void closingTwiceIsHarmlessAndEndsTheSession() throws Exception {
        connection = connect(portal, settings(portal.port()), spool, recorder);
        await("the session is open", () -> recorder.states.contains(State.OPEN));

        connection.close();
        connection.close();
        assertThat(connection.finished().get(5, TimeUnit.SECONDS).state()).isEqualTo(State.STOPPED);
        Thread.sleep(200);
        assertThat(portal.connections).hasValue(1);
    }

    @Test
    void keepsTryingWhileThePortalIsDown() throws Exception {
        int port = portal.port();
        portal.close();
        connection = connect(portal, settings(port), spool, recorder);

        await("three failed attempts", () -> recorder.count(State.WAITING) >= 3);
        assertThat(recorder.lines()).anyMatch(l -> l.contains("cannot reach the portal at localhost:" + port));
        portal = new TestPortal();
    }

    @Test
    void unauthorizedStopsReconnectingAndSaysWhy() throws Exception {
        portal.helloReply = (hello, stored) -> new ErrorReply(hello.requestId(), ErrorCode.UNAUTHORIZED,
                "certificate revoked");
        connection = connect(portal, settings(portal.port()), spool, recorder);

        AgentConnection.Outcome outcome = connection.finished().get(20, TimeUnit.SECONDS);
        assertThat(outcome.state()).isEqualTo(State.REFUSED);
        assertThat(outcome.reason()).contains("UNAUTHORIZED").contains("enroll the agent again");
        Thread.sleep(300); // many backoff periods
        assertThat(portal.connections).hasValue(1);
        assertThat(recorder.states).doesNotContain(State.WAITING);
    }

    @Test
    void noCommonVersionIsAClearRefusal() throws Exception {
        portal.helloReply = (hello, stored) -> new ErrorReply(hello.requestId(), ErrorCode.UNSUPPORTED_VERSION, "");
        connection = connect(portal, settings(portal.port()), spool, recorder);

        assertThat(connection.finished().get(20, TimeUnit.SECONDS).reason())
                .contains("no protocol version this agent does").contains("upgrade");
    }
}
