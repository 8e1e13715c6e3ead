package io.capgate.portal.e2e;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for something another process does, with a deadline instead of a sleep: the probe runs every
 * {@link #INTERVAL} until its value passes or the deadline passes, and the failure names what was awaited and
 * the last value seen (plus whatever the diagnosis adds, e.g. the agent's log).
 */
final class Poll {

  static final Duration INTERVAL = Duration.ofMillis(100);

  private Poll() {
  }

  /** Waits until the probe's value passes the test and returns that value. */
  static <T> T until(String what, Duration deadline, Supplier<T> probe, Predicate<? super T> test,
      Supplier<String> diagnosis) {
    long end = System.nanoTime() + deadline.toNanos();
    T last = null;
    RuntimeException lastFailure = null;
    while (true) {
      try {
        last = probe.get();
        lastFailure = null;
        if (test.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        lastFailure = e;
      }
      if (System.nanoTime() - end > 0) {
        var error = new AssertionError("Waited " + deadline.toSeconds() + " s for " + what + "; last seen: " + last
            + (lastFailure == null ? "" : " (last probe failed: " + lastFailure + ")")
            + "\n" + diagnosis.get());
        if (lastFailure != null) {
          error.initCause(lastFailure);
        }
        throw error;
      }
      pause();
    }
  }

  static <T> T until(String what, Duration deadline, Supplier<T> probe, Predicate<? super T> test) {
    return until(what, deadline, probe, test, () -> "");
  }

  static void until(String what, Duration deadline, Supplier<Boolean> condition, Supplier<String> diagnosis) {
    until(what, deadline, condition, Boolean.TRUE::equals, diagnosis);
  }

  private static void pause() {
    try {
      Thread.sleep(INTERVAL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while polling", e);
    }
  }
}
