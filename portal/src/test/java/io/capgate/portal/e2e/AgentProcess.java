package io.capgate.portal.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged agent ({@code java -jar agent/target/capgate-agent.jar}) as a separate JVM, the way an operator
 * runs it: {@code agent enroll --token T --state-dir DIR} once, then {@code agent run --state-dir DIR}, which can
 * be stopped with SIGTERM, killed with SIGKILL and started again on the same state folder. Every invocation's
 * stdout and stderr go to numbered files in the log folder (under {@code target/fleet-logs}) for diagnosis.
 */
final class AgentProcess implements AutoCloseable {

  /** What a finished CLI invocation said. */
  record Outcome(int exitCode, String stdout, String stderr) {

    String output() {
      return stdout + stderr;
    }
  }

  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  /** A small heap and the C1 compiler only: the agent is a short-lived test process on a 2-core machine. */
  private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-Xshare:auto");

  private final Path stateDir;
  private final Path logDir;
  private int invocations;
  private Process running;
  private Path runErr;
  private final List<ProcessHandle> leftBehind = new ArrayList<>();

  AgentProcess(Path stateDir, Path logDir) {
    this.stateDir = stateDir;
    this.logDir = logDir;
  }

  Path stateDir() {
    return stateDir;
  }

  /** {@code agent enroll --token T --state-dir DIR}, waited for. */
  Outcome enroll(String token) {
    return runToEnd(Duration.ofSeconds(90), "agent", "enroll", "--token", token, "--state-dir", stateDir.toString());
  }

  /** Starts {@code agent run --state-dir DIR} in the background. */
  void start() {
    if (running != null && running.isAlive()) {
      throw new IllegalStateException("the agent is already running");
    }
    try {
      int n = ++invocations;
      runErr = logDir.resolve(n + "-run.err");
      running = command("agent", "run", "--state-dir", stateDir.toString())
          .redirectOutput(logDir.resolve(n + "-run.out").toFile())
          .redirectError(runErr.toFile())
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the agent", e);
    }
  }

  boolean isAlive() {
    return running != null && running.isAlive();
  }

  long pid() {
    return running.pid();
  }

  /** SIGKILL, as a crash or the OOM killer would; waits until it is gone. */
  void kill9() {
    // Its bpftrace children are left as a crash leaves them; close() ends those still alive.
    running.descendants().forEach(leftBehind::add);
    running.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /**
   * Waits until the agent's spool ({@code STATE_DIR/spool}) has not grown for a second: the agent has admitted
   * everything the engine gave it. Its segment files only grow by appends, so a stable size means no appends.
   */
  void awaitSpoolQuiescent() {
    long[] last = {-1};
    int[] stableFor = {0};
    Poll.until("the agent's spool to stop growing", Duration.ofSeconds(60), () -> {
      long size = spoolBytes();
      stableFor[0] = size == last[0] ? stableFor[0] + 1 : 0;
      last[0] = size;
      return stableFor[0] >= 10;
    }, this::diagnosis);
  }

  private long spoolBytes() {
    try (var files = Files.walk(stateDir.resolve("spool"))) {
      return files.filter(Files::isRegularFile).mapToLong(file -> {
        try {
          return Files.size(file);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  /** SIGTERM; waits until it has stopped. */
  int stop() {
    running.destroy();
    return awaitExit(Duration.ofSeconds(30));
  }

  /** Waits for the running agent to exit and returns its exit code. */
  int awaitExit(Duration deadline) {
    try {
      if (!running.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the agent did not exit within " + deadline.toSeconds() + " s\n" + diagnosis());
      }
      return running.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What the current (or last) {@code agent run} wrote on stderr so far: its log. */
  String log() {
    return runErr == null ? "" : read(runErr);
  }

  /** The tail of the agent's log, for failure messages. */
  String diagnosis() {
    String log = log();
    return "agent log (" + runErr + ", last 4000 characters):\n"
        + (log.length() > 4000 ? log.substring(log.length() - 4000) : log);
  }

  private Outcome runToEnd(Duration deadline, String... arguments) {
    int n = ++invocations;
    Path out = logDir.resolve(n + "-" + arguments[1] + ".out");
    Path err = logDir.resolve(n + "-" + arguments[1] + ".err");
    try {
      Process process = command(arguments).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("capgate " + String.join(" ", arguments[0], arguments[1]) + " did not finish within "
            + deadline.toSeconds() + " s: " + read(err));
      }
      return new Outcome(process.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run the agent", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private ProcessBuilder command(String... arguments) throws IOException {
    Files.createDirectories(logDir);
    List<String> command = new ArrayList<>();
    command.add(JAVA);
    command.addAll(JVM_OPTIONS);
    command.add("-jar");
    command.add(FleetRequirements.AGENT_JAR.toString());
    command.addAll(List.of(arguments));
    return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  /** Kills a still running agent: a failed test must not leave it supervising anything. */
  @Override
  public void close() {
    if (running != null && running.isAlive()) {
      running.descendants().forEach(leftBehind::add);
      running.destroyForcibly();
      try {
        running.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    leftBehind.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
