package io.capgate.agent.fleet.client;

import static io.capgate.agent.fleet.client.ClientFixtures.append;
import static io.capgate.agent.fleet.client.ClientFixtures.await;
import static io.capgate.agent.fleet.client.ClientFixtures.connect;
import static io.capgate.agent.fleet.client.ClientFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.client.ClientFixtures.Recorder;
import io.capgate.agent.fleet.spool.Spool;
import io.capgate.agent.fleet.spool.SpoolConfig;
import io.capgate.agent.fleet.spool.SyncPolicy;
import io.capgate.model.protocol.DropReport;
import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.ProtocolFixtures;
import io.capgate.model.protocol.ServiceDrops;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing lost, nothing stored twice: replay from the portal's resume point across reconnects and restarts. */
class StreamingTest {

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
    void afterADroppedConnectionEverythingUnacknowledgedIsReplayedOnce() throws Exception {
        append(spool, 1000);
        portal.dropConnectionAt = 400;
        connection = connect(portal, settings(portal.port()), spool, recorder);

        await("the portal stored all 1000", () -> portal.lastStored() == 1000);
        await("the spool is acknowledged", () -> spool.acknowledged() == 1000);
        assertThat(portal.connections).hasValue(2);
        assertThat(portal.sequencesByConnection.get(0)).startsWith(LongStream.rangeClosed(1, 400).boxed()
                .toArray(Long[]::new));
        assertThat(portal.sequencesByConnection.get(1)).containsExactlyElementsOf(
                LongStream.rangeClosed(401, 1000).boxed().toList());
        assertThat(portal.stored).hasSize(1000).allSatisfy((seq, times) -> assertThat(times).isOne());
        assertThat(portal.received).filteredOn(m -> m instanceof ObservationBatch)
                .allSatisfy(m -> assertThat(((ObservationBatch) m).entries())
                        .isEqualTo(ProtocolFixtures.anObservationBatch().entries()));
    }

    @Test
    void theResumePointSkipsWhatThePortalAlreadyStored() throws Exception {
        append(spool, 50);
        portal.storedUpTo(30);
        connection = connect(portal, settings(portal.port()), spool, recorder);

        await("the portal stored all 50", () -> portal.lastStored() == 50);
        assertThat(portal.sequencesByConnection.get(0)).containsExactlyElementsOf(
                LongStream.rangeClosed(31, 50).boxed().toList());
        await("the spool is acknowledged", () -> spool.acknowledged() == 50);
    }

    @Test
    void aWipedSpoolBehindThePortalsMarkSendsItsRecordsPastTheMarkInsteadOfLosingThemAsReplays() throws Exception {
        portal.storedUpTo(500); // what this agent had sent before its spool folder was deleted
        append(spool, 20);
        connection = connect(portal, settings(portal.port()), spool, recorder);

        await("the portal stored the 20 new records", () -> portal.lastStored() == 520);
        assertThat(portal.sequencesByConnection.get(0)).containsExactlyElementsOf(
                LongStream.rangeClosed(501, 520).boxed().toList());
        await("the spool is acknowledged", () -> spool.acknowledged() == 520);
        append(spool, 5);
        await("later records follow", () -> portal.lastStored() == 525);
        assertThat(portal.stored).hasSize(25).allSatisfy((seq, times) -> assertThat(times).isOne());
    }

    @Test
    void recordsAppendedWhileConnectedAreSentToo() throws Exception {
        connection = connect(portal, settings(portal.port()), spool, recorder);
        await("open", () -> recorder.states.contains(AgentConnection.State.OPEN));

        append(spool, 10);
        await("the portal stored them", () -> portal.lastStored() == 10);
        append(spool, 5);
        await("the portal stored the next ones", () -> portal.lastStored() == 15);
    }

    @Test
    void anAgentRestartMidStreamStoresEverySequenceExactlyOnce() throws Exception {
        append(spool, 1000);
        connection = connect(portal, settings(portal.port()), spool, recorder);
        await("the portal stored some", () -> portal.lastStored() >= 200);

        connection.close();
        spool.close();
        long storedAtRestart = portal.lastStored();
        spool = ClientFixtures.spool(dir.resolve("spool"));
        assertThat(spool.acknowledged()).isLessThanOrEqualTo(storedAtRestart);
        connection = connect(portal, settings(portal.port()), spool, recorder);

        await("the portal stored all 1000", () -> portal.lastStored() == 1000);
        await("the spool is acknowledged", () -> spool.acknowledged() == 1000);
        assertThat(storedAtRestart).isLessThan(1000);
        assertThat(portal.stored).hasSize(1000).allSatisfy((seq, times) -> assertThat(times).isOne());
        // Frames already on the wire when the agent closed may still be stored after storedAtRestart was read, so
        // the new session resumes at or after it, never before (and line up: every sequence once, see above).
        assertThat(portal.sequencesByConnection.getLast()).first(org.assertj.core.api.InstanceOfAssertFactories.LONG)
                .isGreaterThanOrEqualTo(storedAtRestart + 1);
        assertThat(portal.receivedCounts.values().stream().mapToInt(Integer::intValue).sum())
                .as("duplicates on the wire are at most the unacknowledged window").isLessThanOrEqualTo(1000 + 64);
    }

    @Test
    void countedDropsGoOutAsADropReportAndAreCleared() throws Exception {
        spool.close();
        // a spool that holds two records: the third is dropped and counted
        int payload = SpooledMessages.encode(ProtocolFixtures.anObservationBatch()).length;
        int segment = 16 + 2 * (16 + payload); // file header, two records with their headers
        spool = Spool.open(dir.resolve("small"), new SpoolConfig(segment * 2L, segment, payload,
                SyncPolicy.everyAppend()), Clock.systemUTC(), n -> { });
        byte[] record = SpooledMessages.encode(ProtocolFixtures.anObservationBatch());
        long filled = 0;
        while (spool.append("svc-fastapi-demo/observation", record).isPresent()) {
            filled++;
        }
        long kept = filled;
        spool.append("svc-fastapi-demo/violation", record);
        assertThat(spool.drops().total()).isEqualTo(2);

        connection = connect(portal, settings(portal.port()), spool, recorder);

        await("a drop report arrived", () -> portal.received.stream().anyMatch(m -> m instanceof DropReport));
        DropReport report = (DropReport) portal.received.stream().filter(m -> m instanceof DropReport).findFirst()
                .orElseThrow();
        assertThat(report.services()).containsExactly(new ServiceDrops("svc-fastapi-demo", 1, 1, 0));
        assertThat(report.sequence()).isEqualTo(kept + 1);
        await("the report is stored", () -> portal.lastStored() == kept + 1);
        assertThat(spool.drops().isEmpty()).isTrue();
        assertThat(portal.stored).hasSize((int) kept + 1);
        assertThat(List.copyOf(portal.stored.values())).containsOnly(1);
    }
}
