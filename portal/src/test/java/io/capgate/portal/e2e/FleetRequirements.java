package io.capgate.portal.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Gate for the fleet tests, which run the packaged agent as a separate process and, for supervision, need root,
 * bpftrace, tracefs and Debian's python3.11 with FastAPI. With {@code -Dcapgate.requireKernel=true} (what
 * {@code scripts/test.sh} sets as root) anything missing FAILS the test and says what; without it the test is
 * skipped, as the agent's kernel tests are.
 */
final class FleetRequirements {

  /** The repository's root: the portal module's parent (Failsafe runs in the module's folder). */
  static final Path REPOSITORY = Path.of(System.getProperty("capgate.repository", "..")).toAbsolutePath().normalize();
  /** The agent CLI the reactor packaged before the portal (agent precedes portal in the root POM). */
  static final Path AGENT_JAR = Path.of(System.getProperty("capgate.agentJar",
      REPOSITORY.resolve("agent/target/capgate-agent.jar").toString())).toAbsolutePath().normalize();
  static final Path PYTHON = Path.of("/usr/bin/python3.11");
  static final Path FASTAPI_DEMO = REPOSITORY.resolve("examples/fastapi-demo");

  private FleetRequirements() {
  }

  /** The packaged agent jar exists (enough for enrollment and session tests). */
  static void agentJar() {
    List<String> missing = new ArrayList<>();
    if (!Files.isRegularFile(AGENT_JAR)) {
      missing.add("the agent jar " + AGENT_JAR + " (build the agent module first: mvn -pl agent package)");
    }
    decide(missing);
  }

  /** Everything supervision needs: the jar, root, bpftrace, tracefs, python3.11 and the FastAPI sample. */
  static void kernel() {
    List<String> missing = new ArrayList<>();
    if (!Files.isRegularFile(AGENT_JAR)) {
      missing.add("the agent jar " + AGENT_JAR + " (build the agent module first: mvn -pl agent package)");
    }
    if (!root()) {
      missing.add("root (bpftrace attaches to other processes)");
    }
    if (!Files.isExecutable(Path.of("/usr/bin/bpftrace"))) {
      missing.add("/usr/bin/bpftrace (apt-get install bpftrace)");
    }
    if (!Files.isDirectory(Path.of("/sys/kernel/tracing/events"))) {
      missing.add("tracefs (mount -t tracefs nodev /sys/kernel/tracing)");
    }
    if (!Files.isExecutable(PYTHON)) {
      missing.add(PYTHON + " (apt-get install python3)");
    }
    if (!Files.isRegularFile(FASTAPI_DEMO.resolve("app/main.py"))) {
      missing.add("the sample service " + FASTAPI_DEMO);
    }
    decide(missing);
  }

  private static void decide(List<String> missing) {
    if (missing.isEmpty()) {
      return;
    }
    String what = "the fleet tests need " + String.join(", ", missing);
    if (Boolean.getBoolean("capgate.requireKernel")) {
      throw new AssertionError(what + " (and -Dcapgate.requireKernel=true says they must run)");
    }
    Assumptions.abort(what);
  }

  private static boolean root() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(line -> line.startsWith("Uid:"))
          .anyMatch(line -> line.split("\\s+")[2].equals("0"));
    } catch (IOException e) {
      return false;
    }
  }
}
