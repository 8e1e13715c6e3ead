package io.capgate.portal.gateway;

import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's database tasks on the shared pool one at a time, in submission order: an agent's
 * messages must be stored in the order it sent them. With {@link #HIGH_WATER} tasks waiting, the channel stops
 * reading (TCP backpressure reaches the agent) until the queue is empty again.
 */
final class SerialQueue {

  static final int HIGH_WATER = 32;
  /** Tasks run per turn on a pool thread before it is handed back, so one busy agent cannot hold a thread. */
  private static final int BATCH = 16;
  private static final Logger log = LoggerFactory.getLogger(SerialQueue.class);

  private final Executor pool;
  private final Channel channel;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean scheduled;

  SerialQueue(Executor pool, Channel channel) {
    this.pool = pool;
    this.channel = channel;
  }

  /** Queues a task; false when the pool refused it (overloaded or shutting down) and it will not run. */
  synchronized boolean offer(Runnable task) {
    tasks.add(task);
    if (tasks.size() >= HIGH_WATER) {
      channel.config().setAutoRead(false);
    }
    if (!scheduled) {
      try {
        pool.execute(this::drain);
        scheduled = true;
      } catch (RejectedExecutionException e) {
        tasks.removeLast();
        return false;
      }
    }
    return true;
  }

  private void drain() {
    while (true) {
      for (int i = 0; i < BATCH; i++) {
        Runnable next;
        synchronized (this) {
          next = tasks.poll();
          if (next == null) {
            scheduled = false;
            channel.config().setAutoRead(true);
            return;
          }
        }
        try {
          next.run();
        } catch (RuntimeException e) {
          log.error("A gateway task failed", e);
        }
      }
      try {
        pool.execute(this::drain);
        return;
      } catch (RejectedExecutionException e) {
        // The pool is full: this thread keeps the turn rather than dropping the connection's tasks.
      }
    }
  }
}
