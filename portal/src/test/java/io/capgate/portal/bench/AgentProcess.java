package io.capgate.portal.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged agent ({@code agent/target/capgate-agent.jar}) as a separate process, as a host would. */
final class AgentProcess {

  private final Path jar;
  private final Path log;

  AgentProcess(Path jar, Path log) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build the agent first "
          + "(scripts/bench-fleet.sh does)");
    }
    this.jar = jar;
    this.log = log;
  }

  /** {@code capgate agent enroll}; returns the agent id it printed. */
  String enroll(String token, Path stateDir) throws IOException, InterruptedException {
    String out = run(List.of("-jar", jar.toString(), "agent", "enroll", "--token=" + token, "--state-dir",
        stateDir.toString()), 120);
    var line = out.lines().filter(l -> l.startsWith("enrolled as ")).findFirst()
        .orElseThrow(() -> new IllegalStateException("unexpected enroll output: " + out));
    return line.split("\\s+")[2];
  }

  /** Runs {@code FleetLoad} and returns the key=value pairs of its FLEETLOAD line. */
  Map<String, String> load(Path stateDir, long service, long observations, int violations, int batch,
      long warmupObservations, int warmupViolations) throws IOException, InterruptedException {
    var args = new ArrayList<>(List.of("-cp", jar.toString(), "io.capgate.agent.fleet.load.FleetLoad",
        "--state-dir", stateDir.toString(), "--service", Long.toString(service), "--observations",
        Long.toString(observations), "--violations", Integer.toString(violations), "--batch",
        Integer.toString(batch), "--warmup-observations", Long.toString(warmupObservations),
        "--warmup-violations", Integer.toString(warmupViolations)));
    if (Boolean.getBoolean("capgate.bench.stack-every-entry")) {
      args.add("--stack-every-entry");
    }
    String out = run(args, 900);
    var line = out.lines().filter(l -> l.startsWith("FLEETLOAD ")).findFirst()
        .orElseThrow(() -> new IllegalStateException("no FLEETLOAD line in: " + out));
    var values = new HashMap<String, String>();
    for (String pair : line.substring("FLEETLOAD ".length()).split(" ")) {
      int eq = pair.indexOf('=');
      values.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return values;
  }

  private String run(List<String> args, int timeoutSeconds) throws IOException, InterruptedException {
    var command = new ArrayList<String>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    String jvmArgs = System.getProperty("capgate.bench.agent-jvm-args", "").trim();
    if (!jvmArgs.isEmpty() && args.contains("--observations")) {
      command.addAll(List.of(jvmArgs.split("\\s+"))); // e.g. a JFR recording of the load generator
    }
    command.addAll(args);
    Files.createDirectories(log.getParent());
    var process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(args.get(2) + " did not end within " + timeoutSeconds + " s; see " + log);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(args.get(2) + " exited " + process.exitValue() + ": " + out + "; see " + log);
    }
    return out;
  }
}
