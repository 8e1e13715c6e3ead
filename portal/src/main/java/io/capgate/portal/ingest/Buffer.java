package io.capgate.portal.ingest;

import io.capgate.model.protocol.SequencedMessage;
import io.capgate.portal.gateway.AgentSession;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One session's records received but not yet taken by its store task, in arrival order. At most one store task per
 * session holds the claim ({@link #add} or {@link #claimIfIdle} hand it out, {@link #take} returns it when nothing
 * is left), so a session's records are stored one batch after the other, in order.
 */
final class Buffer {

  /** How long closing a session waits for its store task before giving up on the wait (not on the data). */
  private static final long IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

  final AgentSession session;
  private final ArrayDeque<SequencedMessage> records = new ArrayDeque<>();
  private long buffered;
  private boolean claimed;

  Buffer(AgentSession session) {
    this.session = session;
  }

  /**
   * Adds a record of {@code size} entries, first waiting while the store task is busy and {@code limit} entries
   * are already waiting (backpressure). Returns true when the caller got the claim and must start a store task.
   */
  synchronized boolean add(SequencedMessage record, int size, long limit) {
    while (claimed && buffered >= limit) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break; // keep the record: losing it would leave a gap the agent only fixes by reconnecting
      }
    }
    records.add(record);
    buffered += size;
    return claim();
  }

  /** The claim, when no store task holds it (closing the session stores what is left itself). */
  synchronized boolean claimIfIdle() {
    return claim();
  }

  /**
   * The oldest records, whole, up to {@code maxEntries} entries (at least one record); when none are left, the
   * claim is released and the list is empty.
   */
  synchronized List<SequencedMessage> take(int maxEntries) {
    var taken = new ArrayList<SequencedMessage>();
    long entries = 0;
    while (!records.isEmpty()) {
      int size = IngestSink.size(records.peekFirst());
      if (!taken.isEmpty() && entries + size > maxEntries) {
        break;
      }
      taken.add(records.pollFirst());
      entries += size;
    }
    buffered -= entries;
    if (taken.isEmpty()) {
      claimed = false;
    }
    notifyAll();
    return taken;
  }

  /** Waits until no store task holds the claim (bounded, so a stuck database cannot hold a thread forever). */
  synchronized void awaitIdle() {
    long deadline = System.nanoTime() + IDLE_WAIT_NANOS;
    long left;
    while (claimed && (left = deadline - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private boolean claim() {
    if (claimed) {
      return false;
    }
    claimed = true;
    return true;
  }
}
