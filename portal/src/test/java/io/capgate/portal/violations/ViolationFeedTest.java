package io.capgate.portal.violations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The feed's fan-out rules, with a manual executor so each step is visible. */
class ViolationFeedTest {

  final ManualExecutor executor = new ManualExecutor();
  final ViolationFeed feed = new ViolationFeed(executor);

  static ViolationReceived violation(long organization, long sequence) {
    return new ViolationReceived(organization, 7, "agent-1", sequence, Instant.EPOCH, "app.main", "execve", "KILLED");
  }

  @Test
  void aViolationReachesOnlySubscribersOfItsOrganization() {
    var ours = new ArrayList<ViolationFeed.Delivery>();
    var theirs = new ArrayList<ViolationFeed.Delivery>();
    feed.subscribe(1, ours::add);
    feed.subscribe(2, theirs::add);

    feed.on(violation(1, 1));
    executor.runAll();

    assertThat(ours).singleElement().satisfies(d -> {
      assertThat(d.overflowed()).isFalse();
      assertThat(d.violations()).extracting(ViolationReceived::sequence).containsExactly(1L);
    });
    assertThat(theirs).isEmpty();
  }

  @Test
  void theStoringThreadOnlyEnqueuesAndViolationsWaitingForOneSubscriberArriveTogether() {
    var deliveries = new ArrayList<ViolationFeed.Delivery>();
    feed.subscribe(1, deliveries::add);

    feed.on(violation(1, 1));
    feed.on(violation(1, 2));
    feed.on(violation(1, 3));

    assertThat(deliveries).as("nothing runs on the publishing thread").isEmpty();
    assertThat(executor.tasks).as("one delivery scheduled per subscriber").hasSize(1);
    executor.runAll();
    assertThat(deliveries).singleElement().satisfies(d -> assertThat(d.violations()).hasSize(3));
  }

  @Test
  void aLaggingSubscriberIsToldToRereadInsteadOfQueueingWithoutBound() {
    var deliveries = new ArrayList<ViolationFeed.Delivery>();
    feed.subscribe(1, deliveries::add);

    for (long seq = 1; seq <= ViolationFeed.QUEUE_CAPACITY + 10; seq++) {
      feed.on(violation(1, seq));
    }
    executor.runAll();

    assertThat(deliveries).singleElement().satisfies(d -> {
      assertThat(d.overflowed()).isTrue();
      assertThat(d.violations()).isEmpty();
    });
  }

  @Test
  void whatArrivesDuringADeliveryIsDeliveredNextNotLost() {
    var deliveries = new ArrayList<ViolationFeed.Delivery>();
    feed.subscribe(1, delivery -> {
      deliveries.add(delivery);
      if (deliveries.size() == 1) {
        feed.on(violation(1, 2)); // arrives while the first delivery runs
      }
    });

    feed.on(violation(1, 1));
    executor.runAll();

    assertThat(deliveries).extracting(d -> d.violations().getFirst().sequence()).containsExactly(1L, 2L);
  }

  @Test
  void aClosedSubscriptionGetsNothingMore() {
    var deliveries = new ArrayList<ViolationFeed.Delivery>();
    var subscription = feed.subscribe(1, deliveries::add);
    assertThat(feed.subscribers(1)).isOne();

    subscription.close();
    feed.on(violation(1, 1));
    executor.runAll();

    assertThat(deliveries).isEmpty();
    assertThat(feed.subscribers(1)).isZero();
  }

  @Test
  void aFailingSubscriberDoesNotStopTheOthers() {
    var deliveries = new ArrayList<ViolationFeed.Delivery>();
    feed.subscribe(1, d -> {
      throw new IllegalStateException("browser gone");
    });
    feed.subscribe(1, deliveries::add);

    feed.on(violation(1, 1));
    executor.runAll();

    assertThat(deliveries).hasSize(1);
  }

  /** Runs submitted tasks only when asked, in order. */
  static final class ManualExecutor extends AbstractExecutorService {
    final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    void runAll() {
      while (!tasks.isEmpty()) {
        tasks.poll().run();
      }
    }

    @Override
    public void execute(Runnable command) {
      tasks.add(command);
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }
}
