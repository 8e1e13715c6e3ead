package io.capgate.portal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.SequencedMessage;
import io.capgate.model.protocol.StackFrame;
import io.capgate.model.protocol.Violation;
import io.capgate.model.protocol.ViolationAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-session buffer of group commit: one store task at a time, whole records, bounded. */
class BufferTest {

  final Buffer buffer = new Buffer(null);

  @Test
  void theFirstAddClaimsTheStoreTaskAndLaterOnesJoinItsNextBatch() {
    assertThat(buffer.add(violation(1), 1, 100)).isTrue();
    assertThat(buffer.add(violation(2), 1, 100)).isFalse();
    assertThat(buffer.claimIfIdle()).isFalse();

    assertThat(buffer.take(100)).extracting(SequencedMessage::sequence).containsExactly(1L, 2L);
    assertThat(buffer.take(100)).isEmpty(); // releases the claim
    assertThat(buffer.claimIfIdle()).isTrue();
  }

  @Test
  void aTakeStopsAtTheEntryLimitButNeverSplitsARecordAndAlwaysTakesOne() {
    buffer.add(batch(1, 3), 3, 100);
    buffer.add(batch(2, 3), 3, 100);
    buffer.add(violation(3), 1, 100);

    assertThat(buffer.take(2)).extracting(SequencedMessage::sequence).containsExactly(1L); // 3 > 2, but one
    assertThat(buffer.take(4)).extracting(SequencedMessage::sequence).containsExactly(2L, 3L);
  }

  @Test
  void aFullBufferHoldsTheProducerUntilTheStoreTaskTakesSome() throws Exception {
    buffer.add(batch(1, 5), 5, 5); // claimed, and at the limit
    var blocked = CompletableFuture.supplyAsync(() -> buffer.add(violation(2), 1, 5));
    assertThat(blockedFor(blocked)).isTrue();

    assertThat(buffer.take(10)).extracting(SequencedMessage::sequence).containsExactly(1L);
    assertThat(blocked.get(10, TimeUnit.SECONDS)).isFalse(); // the store task still holds the claim
    assertThat(buffer.take(10)).extracting(SequencedMessage::sequence).containsExactly(2L);
  }

  @Test
  void closingWaitsForTheStoreTaskToFinish() throws Exception {
    buffer.add(violation(1), 1, 10);
    var closed = CompletableFuture.runAsync(buffer::awaitIdle);
    assertThat(blockedFor(closed)).isTrue();

    buffer.take(10);
    buffer.take(10); // empty: the store task is done
    closed.get(10, TimeUnit.SECONDS);
  }

  /** True when the future has not completed after its thread had the chance to run for a while. */
  private static boolean blockedFor(CompletableFuture<?> future) throws InterruptedException {
    // Not a timing assertion: the future must not complete until the test releases it, however long it waits.
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
    while (System.nanoTime() < deadline) {
      if (future.isDone()) {
        return false;
      }
      Thread.onSpinWait();
    }
    return !future.isDone();
  }

  static ObservationBatch batch(long sequence, int entries) {
    var list = new ArrayList<ObservationEntry>();
    for (int i = 0; i < entries; i++) {
      list.add(new ObservationEntry("7", "m", "read", Optional.empty(), 1, 1_000, 2_000, List.of()));
    }
    return new ObservationBatch(sequence, sequence, list);
  }

  static Violation violation(long sequence) {
    return new Violation(sequence, sequence, "7", 1, 1, 1_000, "m", "execve", 59, ViolationAction.RECORDED,
        List.of(new StackFrame("/a.py", "f", 1)), "");
  }
}
