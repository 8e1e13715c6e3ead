package io.capgate.agent.fleet.spool;

import static io.capgate.agent.fleet.spool.SpoolFixtures.OBS;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.TestClock;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer and one reader at full speed: every record arrives once, in order, intact. */
class SpoolConcurrencyTest {

    private static final int RECORDS = 20_000;

    @TempDir
    Path dir;

    @Test
    void aReaderFollowsAWriterAndAcknowledgesAsItGoes() throws Exception {
        SpoolConfig config = SpoolFixtures.small(64, 500, 200, SyncPolicy.batched(200, Duration.ofHours(1)));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Spool spool = Spool.open(dir, config, new TestClock(), m -> { })) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                for (int i = 1; i <= RECORDS; i++) {
                    byte[] payload = ByteBuffer.allocate(8 + i % 57).putLong(i).array();
                    assertThat(spool.append(OBS, payload)).hasValue(i);
                }
            }, threads).thenRun(() -> sync(spool));
            CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                long next = 1;
                while (next <= RECORDS) {
                    List<SpoolRecord> batch = read(spool, next);
                    for (SpoolRecord r : batch) {
                        assertThat(r.sequence()).isEqualTo(next);
                        assertThat(ByteBuffer.wrap(r.payload()).getLong()).isEqualTo(next);
                        assertThat(r.payload()).hasSize((int) (8 + next % 57));
                        next++;
                    }
                    if (batch.isEmpty()) {
                        Thread.onSpinWait();
                    } else {
                        acknowledge(spool, next - 1);
                    }
                }
                return next - 1;
            }, threads);

            writer.get(60, TimeUnit.SECONDS);
            assertThat(reader.get(60, TimeUnit.SECONDS)).isEqualTo(RECORDS);
            assertThat(spool.drops().isEmpty()).isTrue();
            assertThat(SpoolFixtures.segments(dir)).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<SpoolRecord> read(Spool spool, long from) {
        try {
            return spool.readFrom(from, 700);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void acknowledge(Spool spool, long upTo) {
        try {
            spool.acknowledge(upTo);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sync(Spool spool) {
        try {
            spool.sync();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
