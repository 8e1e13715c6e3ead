package io.capgate.agent.fleet.daemon;

import static io.capgate.agent.fleet.daemon.DaemonFixtures.FASTAPI;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.await;
import static io.capgate.agent.fleet.daemon.DaemonFixtures.trusted;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.client.TestPortal;
import io.capgate.agent.fleet.identity.AgentIdentity;
import io.capgate.agent.fleet.spool.SpoolConfig;
import io.capgate.agent.fleet.spool.SyncPolicy;
import io.capgate.model.protocol.AgentMessage;
import io.capgate.model.protocol.DropReport;
import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.ProtocolFixtures;
import io.capgate.model.protocol.SequencedMessage;
import io.capgate.model.protocol.ServiceDrops;
import io.capgate.model.protocol.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the engine records reaches the portal exactly once, or is counted and reported as dropped. */
class EngineOutputStreamingTest {

    @TempDir
    Path tmp;

    private TestPortal portal;
    private AgentIdentity identity;
    private final FakeProcessTable processes = new FakeProcessTable();
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

    private TestAgent start(TestPortal to, SpoolConfig spool) throws Exception {
        agent = new TestAgent(tmp.resolve("state"), identity, new FakeEngine(), processes, to, spool);
        return agent;
    }

    @Test
    void observationsAndViolationsArriveExactlyOnceAcrossADisconnectAndAnAgentRestart() throws Exception {
        start(portal, TestAgent.roomySpool());
        emit(0, 40);
        await("some are stored", () -> portal.lastStored() >= 20);
        portal.dropConnections();
        emit(40, 80);
        agent.close(); // restart: what is not acknowledged yet is replayed from the spool
        start(portal, TestAgent.roomySpool());
        emit(80, 120);

        // one batch per window (5 entries fit a frame) and one record per violation
        await("every record is stored", () -> portal.lastStored() == 240);
        assertThat(portal.storedCounts()).hasSize((int) portal.lastStored()).containsOnlyKeys(LongStream
                .rangeClosed(1, portal.lastStored()).boxed().toList()).allSatisfy((seq, n) -> assertThat(n).isOne());
        Map<Long, SequencedMessage> bySequence = storedMessages();
        List<Long> counts = new ArrayList<>();
        List<Integer> tids = new ArrayList<>();
        bySequence.values().forEach(m -> {
            switch (m) {
                case ObservationBatch b -> b.entries().forEach(e -> counts.add(e.count()));
                case Violation v -> tids.add(v.tid());
                default -> { }
            }
        });
        assertThat(counts).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 120 * 5).boxed().toList());
        assertThat(tids).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 120).boxed()
                .toList());
    }

    @Test
    void whatTheFullSpoolDroppedAndWhatTheKernelLostGoOutInADropReport() throws Exception {
        // about 8 KiB of room: most of what follows does not fit
        start(null, new SpoolConfig(16 << 10, 8 << 10, 4 << 10, SyncPolicy.everyAppend()));
        emit(0, 120);
        agent.output.kernelEventsLost(FASTAPI, 17);
        agent.output.kernelEventsLost(FASTAPI, 4);
        agent.close();

        start(portal, new SpoolConfig(16 << 10, 8 << 10, 4 << 10, SyncPolicy.everyAppend()));
        await("a drop report is stored", () -> storedMessages().values().stream()
                .anyMatch(m -> m instanceof DropReport));
        await("everything spooled is stored", () -> portal.lastStored() == agent.spool.nextSequence() - 1);

        long storedEntries = 0;
        long storedViolations = 0;
        ServiceDrops drops = new ServiceDrops(FASTAPI, 0, 0, 0);
        for (SequencedMessage m : storedMessages().values()) {
            switch (m) {
                case ObservationBatch b -> storedEntries += b.entries().size();
                case Violation v -> storedViolations++;
                case DropReport r -> {
                    ServiceDrops d = r.services().stream().filter(s -> s.serviceId().equals(FASTAPI)).findFirst()
                            .orElseThrow();
                    drops = new ServiceDrops(FASTAPI, drops.observationsDropped() + d.observationsDropped(),
                            drops.violationsDropped() + d.violationsDropped(),
                            drops.kernelEventsLost() + d.kernelEventsLost());
                }
            }
        }
        assertThat(drops.kernelEventsLost()).isEqualTo(21);
        assertThat(drops.observationsDropped()).as("some observations were dropped").isPositive();
        assertThat(drops.violationsDropped()).as("some violations were dropped").isPositive();
        assertThat(storedEntries + drops.observationsDropped()).as("every entry stored or counted")
                .isEqualTo(120 * 5);
        assertThat(storedViolations + drops.violationsDropped()).as("every violation stored or counted")
                .isEqualTo(120);
    }

    /** Observation windows {@code from} (inclusive) to {@code to}: 5 entries each, counts numbering the entries. */
    private void emit(int from, int to) {
        for (int i = from; i < to; i++) {
            List<ObservationEntry> entries = new ArrayList<>();
            for (int j = 0; j < 5; j++) {
                entries.add(new ObservationEntry(FASTAPI, "app.mod" + j, "openat", Optional.empty(), i * 5L + j + 1,
                        ProtocolFixtures.NOW_MILLIS, ProtocolFixtures.NOW_MILLIS, ProtocolFixtures.aStack()));
            }
            agent.output.observations(entries);
            Violation v = ProtocolFixtures.aViolation();
            agent.output.violation(new Violation(0, 1, FASTAPI, v.pid(), i + 1, v.timeMillis(), v.module(), v.syscall(),
                    v.syscallNumber(), v.action(), v.stack(), v.detail()));
        }
    }

    /** One message per stored sequence (a replayed one is the same record). */
    private Map<Long, SequencedMessage> storedMessages() {
        Map<Long, SequencedMessage> result = new TreeMap<>();
        for (AgentMessage m : portal.receivedMessages()) {
            if (m instanceof SequencedMessage s && s.sequence() <= portal.lastStored()) {
                result.putIfAbsent(s.sequence(), s);
            }
        }
        return result;
    }
}
