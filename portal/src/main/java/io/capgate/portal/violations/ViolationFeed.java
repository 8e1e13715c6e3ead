package io.capgate.portal.violations;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Fans stored violations out to live subscribers (open browser views) of the violation's organization, and of no
 * other. Ingestion must never wait for a browser: the listener only offers each violation to every subscriber's
 * bounded queue and schedules one delivery per subscriber on the feed's own threads. A subscriber whose queue is
 * full (its browser lags) loses the individual violations and is told to re-read instead ({@link Delivery#overflowed()}),
 * so nothing is missed and memory stays bounded.
 */
@Component
public class ViolationFeed {

  /** How many undelivered violations one subscriber may hold before it is told to re-read. */
  public static final int QUEUE_CAPACITY = 256;

  private static final Logger log = LoggerFactory.getLogger(ViolationFeed.class);

  private final Map<Long, Set<Subscription>> byOrganization = new ConcurrentHashMap<>();
  private final ExecutorService deliveries;

  ViolationFeed() {
    this(Executors.newFixedThreadPool(2, Thread.ofPlatform().name("violation-feed-", 0).daemon().factory()));
  }

  /** A feed delivering on the given executor (tests pass a direct one). */
  ViolationFeed(ExecutorService deliveries) {
    this.deliveries = deliveries;
  }

  /**
   * Receives the organization's violations from now on, in batches, on a feed thread (never the thread that stored
   * them). Deliveries to one subscriber never overlap. Close the subscription when the view goes away.
   */
  public Subscription subscribe(long organizationId, Consumer<Delivery> subscriber) {
    var subscription = new Subscription(organizationId, subscriber);
    byOrganization.computeIfAbsent(organizationId, id -> ConcurrentHashMap.newKeySet()).add(subscription);
    return subscription;
  }

  /** How many subscriptions are open for the organization (for tests and diagnostics). */
  public int subscribers(long organizationId) {
    var subscriptions = byOrganization.get(organizationId);
    return subscriptions == null ? 0 : subscriptions.size();
  }

  /** Published after the storing transaction committed; runs on the ingestion thread, so it only enqueues. */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void on(ViolationReceived violation) {
    var subscriptions = byOrganization.get(violation.organizationId());
    if (subscriptions != null) {
      subscriptions.forEach(subscription -> subscription.offer(violation));
    }
  }

  @PreDestroy
  void stop() {
    deliveries.shutdownNow();
  }

  /**
   * What one delivery carries.
   *
   * @param violations the violations since the last delivery, oldest first (empty when overflowed)
   * @param overflowed more arrived than the queue holds: re-read instead of trusting {@code violations}
   */
  public record Delivery(List<ViolationReceived> violations, boolean overflowed) {

    public Delivery {
      violations = List.copyOf(violations);
    }
  }

  /** One subscriber's place in the feed. */
  public final class Subscription implements AutoCloseable {

    private final long organizationId;
    private final Consumer<Delivery> subscriber;
    private final ArrayBlockingQueue<ViolationReceived> pending = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    private Subscription(long organizationId, Consumer<Delivery> subscriber) {
      this.organizationId = organizationId;
      this.subscriber = subscriber;
    }

    private void offer(ViolationReceived violation) {
      if (!pending.offer(violation)) {
        pending.clear(); // the subscriber re-reads everything anyway
        overflowed.set(true);
      }
      schedule();
    }

    /** At most one delivery per subscriber is scheduled or running, so deliveries never overlap. */
    private void schedule() {
      if (scheduled.compareAndSet(false, true)) {
        try {
          deliveries.execute(this::deliver);
        } catch (RejectedExecutionException e) {
          scheduled.set(false); // shutting down
        }
      }
    }

    private void deliver() {
      var batch = new ArrayList<ViolationReceived>();
      pending.drainTo(batch);
      boolean reread = overflowed.getAndSet(false);
      if (!batch.isEmpty() || reread) {
        try {
          subscriber.accept(new Delivery(reread ? List.of() : batch, reread));
        } catch (RuntimeException e) {
          log.warn("A live violation subscriber failed: {}", e.toString());
        }
      }
      scheduled.set(false);
      // What arrived while this delivery ran found it scheduled and did not schedule another: do it now, as a new
      // task, so one busy subscriber does not hold a feed thread.
      if (!pending.isEmpty() || overflowed.get()) {
        schedule();
      }
    }

    /** Stops deliveries; idempotent. */
    @Override
    public void close() {
      var subscriptions = byOrganization.get(organizationId);
      if (subscriptions != null) {
        subscriptions.remove(this);
      }
    }
  }
}
