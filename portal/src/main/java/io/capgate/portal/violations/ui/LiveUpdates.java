package io.capgate.portal.violations.ui;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import io.capgate.portal.violations.ViolationFeed;
import io.capgate.portal.violations.ViolationFilter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One view's subscription to the {@link ViolationFeed}: while the view is attached, violations its filter may show
 * are counted, and at most one {@code UI.access} is queued at a time to tell the view; more arrivals while it waits
 * only raise the count. So a browser that lags holds one pending task, not one per violation, and re-reads what it
 * missed from the database when the task runs.
 *
 * <p>Refreshes are at least {@link #MIN_GAP} apart: each one makes the browser fetch the first page again, and
 * under a sustained stream (20 violations/s) refreshing on every arrival kept the grid refetching, so rows showed
 * after 0.9 s at the median and 2.6 s at p99 and some never rendered ({@code ViolationLatencyBench}); a short,
 * fixed gap lets each fetch finish and bounds the wait instead.
 */
final class LiveUpdates {

  private final ViolationFeed feed;
  private final long organizationId;
  private final IntConsumer onArrival;
  static final Duration MIN_GAP = Duration.ofMillis(250);

  private final AtomicBoolean queued = new AtomicBoolean();
  private volatile long lastShownNanos;
  private volatile boolean shownOnce;
  private final AtomicInteger arrived = new AtomicInteger();
  private volatile ViolationFilter filter = ViolationFilter.all();
  private ViolationFeed.Subscription subscription;
  private int unseen;

  /**
   * @param onArrival runs on the UI with how many violations arrived since it last ran (0 when the feed overflowed
   *                  and the count is unknown)
   */
  LiveUpdates(ViolationFeed feed, long organizationId, IntConsumer onArrival) {
    this.feed = feed;
    this.organizationId = organizationId;
    this.onArrival = onArrival;
  }

  void start(UI ui) {
    stop();
    subscription = feed.subscribe(organizationId, delivery -> {
      var current = filter;
      long matching = delivery.violations().stream().filter(current::mayMatch).count();
      if (matching == 0 && !delivery.overflowed()) {
        return;
      }
      arrived.addAndGet((int) matching);
      if (queued.compareAndSet(false, true)) {
        long wait = shownOnce ? lastShownNanos + MIN_GAP.toNanos() - System.nanoTime() : 0;
        if (wait <= 0) {
          access(ui);
        } else {
          CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS).execute(() -> access(ui));
        }
      }
    });
  }

  void stop() {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
  }

  void filter(ViolationFilter newFilter) {
    filter = newFilter;
  }

  int unseen() {
    return unseen;
  }

  void addUnseen(int count) {
    unseen += count;
  }

  void clearUnseen() {
    unseen = 0;
  }

  private void access(UI ui) {
    try {
      ui.access(() -> {
        queued.set(false);
        lastShownNanos = System.nanoTime();
        shownOnce = true;
        onArrival.accept(arrived.getAndSet(0));
      });
    } catch (UIDetachedException e) {
      queued.set(false); // the browser went away; onDetach closes the subscription
    }
  }

  /** The signed-in user of the request building the view, to read data as them on push threads. */
  static Authentication currentAuthentication() {
    return SecurityContextHolder.getContext().getAuthentication();
  }

  /**
   * Runs as the view's user: a push (a feed thread running {@code UI.access}) carries no request and so no
   * security context, while the services it reads through check who is asking.
   */
  static <T> T as(Authentication viewer, Supplier<T> read) {
    var context = SecurityContextHolder.getContext();
    var previous = context.getAuthentication();
    if (previous == viewer) {
      return read.get();
    }
    var own = SecurityContextHolder.createEmptyContext();
    own.setAuthentication(viewer);
    SecurityContextHolder.setContext(own);
    try {
      return read.get();
    } finally {
      SecurityContextHolder.setContext(context);
    }
  }
}
