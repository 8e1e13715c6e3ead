package io.capgate.portal.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU seconds of processes from {@code /proc}: this JVM, and a PostgreSQL postmaster with its backends. */
final class ProcessCpu {

  private static final double TICKS = 100.0; // USER_HZ on Linux

  private ProcessCpu() {}

  /** This process: the portal (gateway, ingest, Spring) and the benchmark's own sampler. */
  static double self() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  /**
   * The postmaster's own and reaped children's time plus that of its live children (backends, WAL writer,
   * checkpointer...).
   */
  static double postgres(long postmasterPid) {
    double total = fields(postmasterPid, true);
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      total += procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .mapToLong(p -> Long.parseLong(p.getFileName().toString()))
          .filter(pid -> parent(pid) == postmasterPid).mapToDouble(pid -> fields(pid, false)).sum();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return total;
  }

  /** The parent of a process, -1 when it is gone. */
  static long parent(long pid) {
    String[] stat = stat(pid);
    return stat == null ? -1 : Long.parseLong(stat[1]);
  }

  private static double fields(long pid, boolean withChildren) {
    String[] stat = stat(pid);
    if (stat == null) {
      return 0;
    }
    // After the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
    long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
    if (withChildren) {
      ticks += Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
    }
    return ticks / TICKS;
  }

  private static String[] stat(long pid) {
    try {
      String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return text.substring(text.lastIndexOf(')') + 2).split(" ");
    } catch (IOException e) {
      return null;
    }
  }

  /** The 1-minute load average. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }
}
