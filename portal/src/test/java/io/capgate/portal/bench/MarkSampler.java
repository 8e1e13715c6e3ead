package io.capgate.portal.bench;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Samples an agent's stored high-water mark ({@code agent_sequences.stored_through}, committed with the rows it
 * covers) every few milliseconds, so rates can be taken from the first to the last stored row of a kind without
 * a timestamp column on every observation.
 */
final class MarkSampler implements AutoCloseable {

  /** The mark seen at a time ({@link System#nanoTime}). */
  record Sample(long nanos, long mark) {}

  private final JdbcClient jdbc;
  private final String agentId;
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private final long checkpoint;
  private final Runnable atCheckpoint;
  private volatile boolean running = true;

  /** Runs {@code atCheckpoint} on the sampling thread when the mark first reaches {@code checkpoint}. */
  MarkSampler(JdbcClient jdbc, String agentId, long checkpoint, Runnable atCheckpoint) {
    this.jdbc = jdbc;
    this.agentId = agentId;
    this.checkpoint = checkpoint;
    this.atCheckpoint = atCheckpoint;
    this.thread = Thread.ofPlatform().name("bench-mark-sampler").daemon().start(this::run);
  }

  private void run() {
    long last = -1;
    while (running) {
      long mark = jdbc.sql("select coalesce(max(stored_through), 0) from agent_sequences where agent_id = ?")
          .param(agentId).query(Long.class).single();
      long now = System.nanoTime();
      if (mark != last) {
        synchronized (samples) {
          samples.add(new Sample(now, mark));
        }
        if (last < checkpoint && mark >= checkpoint) {
          atCheckpoint.run();
        }
        last = mark;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The first sample whose mark is at least {@code sequence}. */
  Sample firstReaching(long sequence) {
    synchronized (samples) {
      return samples.stream().filter(s -> s.mark() >= sequence).findFirst()
          .orElseThrow(() -> new AssertionError("the mark never reached " + sequence + ": " + samples));
    }
  }

  /**
   * Records per second stored from the first commit that stored anything of {@code [from, to]} to the one
   * that stored {@code to}; the records of that first commit are not counted (they arrived before the window).
   *
   * @param perRecord entries per record (observation entries per batch, 1 for violations)
   */
  double rate(long from, long to, double perRecord) {
    var first = firstReaching(from);
    var last = firstReaching(to);
    long recordsAfterFirst = to - Math.min(first.mark(), to);
    return recordsAfterFirst * perRecord / ((last.nanos() - first.nanos()) / 1e9);
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
