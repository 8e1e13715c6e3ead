package io.capgate.agent.fleet.client;

import io.capgate.agent.fleet.spool.Spool;
import io.capgate.agent.fleet.spool.SpoolConfig;
import io.capgate.agent.fleet.spool.SyncPolicy;
import io.capgate.model.protocol.ProtocolFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** Fixtures for client tests: settings with short timings, spools, a recording listener, polling waits. */
final class ClientFixtures {

    static final String AGENT_ID = ProtocolFixtures.AGENT_ID;

    private ClientFixtures() {
    }

    /** Real protocol timings except backoff (10 to 100 ms) and polling, so tests never sleep long. */
    static ConnectionSettings settings(int port) {
        return new ConnectionSettings("localhost", port, AGENT_ID, "0.1.0-test", ProtocolFixtures.aHost(),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofMillis(100), 64,
                Duration.ofMillis(20), Duration.ofMillis(50));
    }

    static ConnectionSettings withIdle(ConnectionSettings s, Duration heartbeat, Duration readIdle) {
        return new ConnectionSettings(s.host(), s.port(), s.agentId(), s.agentVersion(), s.hostFacts(), heartbeat,
                readIdle, s.backoffInitial(), s.backoffMax(), s.window(), s.poll(), s.dropCheckInterval());
    }

    static Spool spool(Path dir) throws IOException {
        return Spool.open(dir, new SpoolConfig(16 << 20, 1 << 20, 64 << 10, SyncPolicy.batched(10_000,
                Duration.ofMillis(5))), Clock.systemUTC(), notice -> { });
    }

    /** Appends {@code n} observation batches and makes them durable. */
    static void append(Spool spool, int n) throws IOException {
        byte[] payload = SpooledMessages.encode(ProtocolFixtures.anObservationBatch());
        for (int i = 0; i < n; i++) {
            spool.append("svc-fastapi-demo/observation", payload).orElseThrow();
        }
        spool.sync();
    }

    static AgentConnection connect(TestPortal portal, ConnectionSettings settings, Spool spool, Recorder recorder)
            throws Exception {
        return new AgentConnection(settings, portal.agentTls(portal.anAgent(AGENT_ID)), spool, Clock.systemUTC(),
                new Random(42), recorder).start();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Records state changes and log lines. */
    static final class Recorder implements AgentConnection.Listener {

        final List<AgentConnection.State> states = new CopyOnWriteArrayList<>();
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void stateChanged(AgentConnection.State state, String detail) {
            states.add(state);
            lines.add(state + ": " + detail);
        }

        @Override
        public void log(String line) {
            lines.add(line);
        }

        long count(AgentConnection.State state) {
            return states.stream().filter(s -> s == state).count();
        }

        List<String> lines() {
            return new ArrayList<>(lines);
        }
    }
}
