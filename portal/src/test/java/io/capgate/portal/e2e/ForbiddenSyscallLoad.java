package io.capgate.portal.e2e;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Python workload whose number of forbidden syscalls is known exactly: {@code fleetload.py} (module
 * {@code fleetload}, the script's folder being its application root) reads a number from stdin, calls
 * {@code os.umask} that many times, and prints {@code done N} when it has. {@code umask} belongs to
 * {@code fs.write}, which {@link #MANIFEST} does not grant, and the reading, sleeping and printing in between
 * only use granted syscalls; so under ALERT each batch gives exactly N violations and the process keeps running.
 * The millisecond pause between calls keeps bpftrace's kernel buffer from overflowing (which the agent would
 * report as lost events, but which would make the expected count unknowable).
 */
final class ForbiddenSyscallLoad implements AutoCloseable {

  static final String MODULE = "fleetload";
  static final String SYSCALL = "umask";

  /** What fleetload may do: everything it does, except umask. */
  static final String MANIFEST = """
      apiVersion: capgate.io/v1
      service: %s
      arch: x86_64
      python: "3.11"
      defaults:
        capabilities: [fs.read, io, mem, sys.basic]
        syscalls: []
      modules:
        fleetload:
          capabilities: []
          syscalls: []
          exec: []
      """;

  private static final String SCRIPT = """
      import os
      import sys
      import time

      for line in sys.stdin:
          n = int(line)
          for _ in range(n):
              os.umask(0o022)
              time.sleep(0.001)
          sys.stdout.write("done %d\\n" % n)
          sys.stdout.flush()
      """;

  private final Path script;
  private final Process process;
  private final Writer input;
  private final Path output;
  private int requested;

  private ForbiddenSyscallLoad(Path script, Process process, Path output) {
    this.script = script;
    this.process = process;
    this.output = output;
    this.input = process.outputWriter(StandardCharsets.US_ASCII);
  }

  /** Writes the script into a folder of its own and starts it; it waits for its first batch. */
  static ForbiddenSyscallLoad start(Path folder, Path logDir) throws IOException {
    Files.createDirectories(folder);
    Files.createDirectories(logDir);
    Path script = folder.resolve(MODULE + ".py");
    Files.writeString(script, SCRIPT);
    Path output = logDir.resolve("fleetload-" + folder.getFileName() + ".out");
    Process process = new ProcessBuilder(FleetRequirements.PYTHON.toString(), script.toString())
        .redirectOutput(output.toFile())
        .redirectError(logDir.resolve("fleetload-" + folder.getFileName() + ".err").toFile())
        .start();
    return new ForbiddenSyscallLoad(script, process, output);
  }

  /** Matches this instance's command line: the script's path, unique per test. */
  String argumentRegex() {
    return java.util.regex.Pattern.quote(script.toString());
  }

  long pid() {
    return process.pid();
  }

  /** Asks for {@code n} forbidden syscalls and waits until the script has made them. */
  void violate(int n) {
    try {
      input.write(n + "\n");
      input.flush();
    } catch (IOException e) {
      throw new AssertionError("fleetload (pid " + process.pid() + ") stopped reading: " + e, e);
    }
    requested++;
    int batches = requested;
    Poll.until("fleetload to finish batch " + batches, Duration.ofSeconds(60),
        () -> lines() >= batches, () -> "alive=" + process.isAlive());
  }

  private long lines() {
    try {
      return Files.readAllLines(output).stream().filter(line -> line.startsWith("done ")).count();
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
