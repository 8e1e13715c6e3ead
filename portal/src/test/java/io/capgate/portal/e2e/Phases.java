package io.capgate.portal.e2e;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Measures named phases of a journey and prints them as a table when the test ends. */
final class Phases {

  private final String title;
  private final Map<String, Duration> durations = new LinkedHashMap<>();

  Phases(String title) {
    this.title = title;
  }

  <T> T time(String phase, Supplier<T> step) {
    long start = System.nanoTime();
    try {
      return step.get();
    } finally {
      durations.put(phase, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  void time(String phase, Runnable step) {
    time(phase, () -> {
      step.run();
      return null;
    });
  }

  /** The table, one phase per line with its seconds, and the total. */
  String report() {
    var text = new StringBuilder(title).append('\n');
    long total = 0;
    for (var entry : durations.entrySet()) {
      total += entry.getValue().toMillis();
      text.append(String.format("  %-58s %8.2f s%n", entry.getKey(), entry.getValue().toMillis() / 1000.0));
    }
    return text.append(String.format("  %-58s %8.2f s%n", "total", total / 1000.0)).toString();
  }

  void print() {
    System.out.println(report());
  }
}
