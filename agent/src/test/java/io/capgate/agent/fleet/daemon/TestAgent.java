package io.capgate.agent.fleet.daemon;

import io.capgate.agent.fleet.client.AgentConnection;
import io.capgate.agent.fleet.client.ConnectionSettings;
import io.capgate.agent.fleet.client.TestPortal;
import io.capgate.agent.fleet.discovery.ProcessScanner;
import io.capgate.agent.fleet.identity.AgentIdentity;
import io.capgate.agent.fleet.identity.StateDirectory;
import io.capgate.agent.fleet.spool.Spool;
import io.capgate.agent.fleet.spool.SpoolConfig;
import io.capgate.agent.fleet.spool.SyncPolicy;
import io.capgate.agent.fleet.supervision.EngineSessions;
import io.capgate.model.protocol.Framing;
import io.capgate.model.protocol.ProtocolFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The agent as {@code capgate agent run} puts it together (state directory, spool, engine output, daemon, portal
 * connection), with short timings, a fake engine and a fake process table; closes like the CLI does.
 */
final class TestAgent implements AutoCloseable {

    static final AgentDaemon.Timings FAST = new AgentDaemon.Timings(Duration.ofMillis(50), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));

    final List<String> log = new CopyOnWriteArrayList<>();
    final StateDirectory dir;
    final Spool spool;
    final SpoolingEngineOutput output;
    final AgentDaemon daemon;
    AgentConnection connection;

    /**
     * Starts supervising at once; connects when {@code portal} is not null.
     *
     * @param spoolConfig the spool's limits
     */
    TestAgent(Path state, AgentIdentity identity, EngineSessions engine, FakeProcessTable processes,
              TestPortal portal, SpoolConfig spoolConfig) throws Exception {
        Files.createDirectories(state.getParent());
        dir = StateDirectory.open(state, (Integer) Files.getAttribute(state.getParent(), "unix:uid"), log::add);
        spool = Spool.open(dir.path().resolve("spool"), spoolConfig, Clock.systemUTC(), log::add);
        output = new SpoolingEngineOutput(spool, 1024, Math.min(Framing.MAX_FRAME_BYTES,
                spoolConfig.maxRecordBytes()), log::add);
        daemon = new AgentDaemon(new AssignmentVerifier(identity.manifestVerifier()), new AssignmentFile(dir),
                engine, new ProcessScanner(processes, ProcessScanner.HOST_PATHS, Clock.systemUTC()),
                Clock.systemUTC(), FAST, log::add);
        daemon.start();
        if (portal != null) {
            connection = new AgentConnection(settings(portal.port()), portal.agentTls(identity), spool,
                    Clock.systemUTC(), new Random(7), daemon.connectionListener(new AgentConnection.Listener() {
                        @Override
                        public void stateChanged(AgentConnection.State state, String detail) {
                            log.add(state + ": " + detail);
                        }

                        @Override
                        public void log(String line) {
                            log.add(line);
                        }
                    }));
            daemon.reportTo(connection::report);
            connection.start();
        }
    }

    static SpoolConfig roomySpool() {
        return new SpoolConfig(16 << 20, 2 << 20, 1 << 20, SyncPolicy.batched(1000, Duration.ofMillis(5)));
    }

    private static ConnectionSettings settings(int port) {
        return new ConnectionSettings("localhost", port, ProtocolFixtures.AGENT_ID, "0.1.0-test",
                ProtocolFixtures.aHost(), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMillis(10),
                Duration.ofMillis(100), 64, Duration.ofMillis(20), Duration.ofMillis(50));
    }

    /** In the CLI's order: the engine detaches, the output drains into the spool, the connection, the spool. */
    @Override
    public void close() throws Exception {
        daemon.close();
        output.close();
        if (connection != null) {
            connection.close();
        }
        spool.close();
    }
}
