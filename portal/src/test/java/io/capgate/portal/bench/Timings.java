package io.capgate.portal.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Runs an action repeatedly after a warm-up and reports median and p99 in milliseconds. */
record Timings(String name, double medianMs, double p99Ms, double maxMs, int runs) {

  static Timings measure(String name, int warmup, int runs, Callable<?> action) throws Exception {
    for (int i = 0; i < warmup; i++) {
      action.call();
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      action.call();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return new Timings(name, nanos[runs / 2] / 1e6, nanos[(int) Math.ceil(runs * 0.99) - 1] / 1e6,
        nanos[runs - 1] / 1e6, runs);
  }

  /** Timings from durations measured elsewhere, in nanoseconds. */
  static Timings of(String name, java.util.List<Long> durations) {
    long[] nanos = durations.stream().mapToLong(Long::longValue).sorted().toArray();
    int runs = nanos.length;
    return new Timings(name, nanos[runs / 2] / 1e6, nanos[(int) Math.ceil(runs * 0.99) - 1] / 1e6,
        nanos[runs - 1] / 1e6, runs);
  }

  String row(double targetMs) {
    return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %d | < %.0f ms | %s |", name, medianMs, p99Ms, maxMs,
        runs, targetMs, p99Ms < targetMs ? "met" : "NOT met");
  }
}
