package io.capgate.portal.bench;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import io.capgate.portal.traces.Observations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fleet ingestion benchmark ({@code scripts/bench-fleet.sh}): one real agent process streams over TLS into
 * this portal's embedded PostgreSQL. It enrolls the packaged agent with a fresh token ({@code capgate agent
 * enroll}), runs its load generator ({@code FleetLoad}: a warm-up of W observation entries in batches and V
 * violations, then the measured N entries and M violations, each one record, through the agent's spool and
 * connection), and then
 *
 * <ul>
 *   <li>asserts zero loss: row counts, the sum of observation counts, contiguous sequences, the agent's stored
 *       mark at the last sequence, no drop reports and no drops in the agent;
 *   <li>measures sustained rates from the first to the last stored row of each kind in the measured part
 *       ({@link MarkSampler}), and the same "cold" rates of the warm-up, when both JVMs are still compiling the
 *       path (a long-running agent and portal are past that);
 *   <li>reports CPU seconds per 1k events of the agent, of this portal JVM and of PostgreSQL in the measured
 *       part.
 * </ul>
 *
 * <p>Results go to {@code target/bench/fleet.md}. Its name matches neither Surefire's nor Failsafe's patterns,
 * so only the benchmark command runs it; it asserts nothing about time. Sizes: system properties
 * {@code capgate.bench.observations} (3,000,000), {@code capgate.bench.violations} (100,000),
 * {@code capgate.bench.warmup-observations} (1,000,000), {@code capgate.bench.warmup-violations} (50,000),
 * {@code capgate.bench.batch} (1,000 entries per observation batch), {@code capgate.bench.agent-jar},
 * {@code capgate.bench.stack-every-entry} (false: a sample stack per (module, syscall) pair, as the engine sends).
 */
@PortalTest
class FleetIngestBench {

  static final Path OUT = Path.of("target", "bench", "fleet.md");

  @Autowired Fixtures fixtures;
  @Autowired EnrollmentTokens tokens;
  @Autowired JdbcClient jdbc;
  @Autowired Observations observations;

  @Test
  void run() throws Exception {
    long observations = Long.getLong("capgate.bench.observations", 3_000_000);
    int violations = Integer.getInteger("capgate.bench.violations", 100_000);
    long warmupObservations = Long.getLong("capgate.bench.warmup-observations", 1_000_000);
    int warmupViolations = Integer.getInteger("capgate.bench.warmup-violations", 50_000);
    int batch = Integer.getInteger("capgate.bench.batch", 1_000);
    assertThat(observations % batch).as("observations must fill whole batches").isZero();
    assertThat(warmupObservations % batch).as("warm-up observations must fill whole batches").isZero();
    var agent = new AgentProcess(Path.of(System.getProperty("capgate.bench.agent-jar",
        "../agent/target/capgate-agent.jar")), Path.of("target", "bench", "fleet-agent.log"));

    long organization = fixtures.anOrganization();
    long project = fixtures.aProject(organization);
    var operator = fixtures.aUser(organization, Role.OPERATOR);
    long service = fixtures.aService(project);
    String token = as(operator, () -> tokens.create(project, "fleet benchmark", null)).value();
    Path stateDir = Files.createTempDirectory("capgate-fleet-bench");
    String agentId = agent.enroll(token, stateDir);

    long postmaster = ProcessCpu.parent(jdbc.sql("select pg_backend_pid()").query(Long.class).single());
    // A fresh agent's spool starts at sequence 1, so the warm-up ends at this one; CPU is counted from its commit.
    long warmupLast = warmupObservations / batch + warmupViolations;
    double[] cpuAtStart = new double[2];
    String loadBefore = ProcessCpu.loadAverage();
    Map<String, String> load;
    MarkSampler marks;
    try (var sampler = new MarkSampler(jdbc, agentId, warmupLast, () -> {
      cpuAtStart[0] = ProcessCpu.self();
      cpuAtStart[1] = ProcessCpu.postgres(postmaster);
    })) {
      marks = sampler;
      load = agent.load(stateDir, service, observations, violations, batch, warmupObservations, warmupViolations);
    }
    double portalCpu = ProcessCpu.self() - cpuAtStart[0];
    double postgresCpu = ProcessCpu.postgres(postmaster) - cpuAtStart[1];
    String loadAfter = ProcessCpu.loadAverage();

    long warmupFirst = Long.parseLong(load.get("warmup_first_sequence"));
    long first = Long.parseLong(load.get("first_sequence"));
    long last = Long.parseLong(load.get("last_sequence"));
    assertThat(first - 1).as("the warm-up's last sequence").isEqualTo(warmupFirst - 1 + warmupLast);
    var warmup = new LossCheck.Phase(warmupFirst, warmupObservations, warmupViolations);
    var measured = new LossCheck.Phase(first, observations, violations);
    new LossCheck(jdbc, agentId, batch).assertComplete(List.of(warmup, measured), last);
    assertThat(load.get("drops")).as("records the agent's spool dropped").isEqualTo("0");

    String review = traceReview(operator, service, warmupObservations + observations);
    Rates cold = Rates.of(marks, warmup, batch);
    Rates sustained = Rates.of(marks, measured, batch);
    double events = (observations + violations) / 1000.0;
    write(String.format(Locale.ROOT, """
        | What | Value | Target |
        |---|---|---|
        | warm-up (stored and checked, rates below as "cold"), then measured | %,d + %,d, then %,d + %,d | |
        | observation entries stored (batches of %d) | %,d in %,d records, each once | zero loss: met |
        | violations stored (one record each) | %,d, each once | zero loss: met |
        | **sustained observation rate** (after the warm-up), first to last stored row | **%,.0f records/s** | >= 100,000/s: %s |
        | **sustained violation rate** (after the warm-up), first to last stored row | **%,.0f violations/s** | >= 5,000/s: %s |
        | cold observation / violation rate (the warm-up: fresh JVMs, JIT compiling) | %s / %s per s | |
        | agent: measured stream, first append to last ACK | %s s (producer done after %s s) | |
        | agent CPU, measured part (%s s with JVM start and warm-up) | %s s: **%.4f CPU-s per 1k events** | |
        | portal JVM CPU (TLS, decode, COPY rows), measured part | %.2f s: %.4f CPU-s per 1k events | |
        | PostgreSQL CPU (all backends), measured part | %.2f s: %.4f CPU-s per 1k events | |
        | trace review of everything stored (`Observations.summary` + `sampleStacks`, as the page calls them) | %s | |
        | load average (1, 5, 15 min) before / after | %s / %s | |
        """, warmupObservations, warmupViolations, observations, violations, batch,
        warmupObservations + observations, (warmupObservations + observations) / batch,
        warmupViolations + violations, sustained.observations(), met(sustained.observations(), 100_000),
        sustained.violations(), met(sustained.violations(), 5_000), cold.format(cold.observations()),
        cold.format(cold.violations()), load.get("stream_s"), load.get("produce_s"), load.get("cpu_total_s"),
        load.get("cpu_s"), Double.parseDouble(load.get("cpu_s")) / events, portalCpu, portalCpu / events,
        postgresCpu, postgresCpu / events, review, threeOf(loadBefore), threeOf(loadAfter)));
  }

  /** Entries per second of a phase's observations and violations, NaN for a kind it had too few of. */
  private record Rates(double observations, double violations) {

    static Rates of(MarkSampler marks, LossCheck.Phase phase, int batch) {
      long batches = phase.batches(batch);
      return new Rates(batches < 2 ? Double.NaN : marks.rate(phase.first(), phase.first() + batches - 1, batch),
          phase.violations() < 2 ? Double.NaN : marks.rate(phase.first() + batches, phase.last(batch), 1));
    }

    String format(double rate) {
      return Double.isNaN(rate) ? "-" : String.format(Locale.ROOT, "%,.0f", rate);
    }
  }

  /**
   * Times the trace review's two reads over the last hour, which holds every entry the run stored: the read side
   * of the same rows, first call and then the best of three.
   */
  private String traceReview(CapgateUser operator, long service, long entries) {
    var to = Instant.now().plusSeconds(60);
    var from = to.minus(Duration.ofHours(1));
    long[][] nanos = new long[2][4];
    int[] rows = new int[2];
    for (int i = 0; i < 4; i++) {
      long start = System.nanoTime();
      rows[0] = as(operator, () -> observations.summary(service, from, to).size());
      long between = System.nanoTime();
      rows[1] = as(operator, () -> observations.sampleStacks(service, from, to).size());
      nanos[0][i] = between - start;
      nanos[1][i] = System.nanoTime() - between;
    }
    return String.format(Locale.ROOT, "%,d entries summed into %d (module, syscall, program) rows: first %.0f ms, "
        + "then %.0f ms; %d sample stacks: first %.0f ms, then %.0f ms", entries, rows[0], nanos[0][0] / 1e6,
        best(nanos[0]) / 1e6, rows[1], nanos[1][0] / 1e6, best(nanos[1]) / 1e6);
  }

  private static long best(long[] nanos) {
    return Arrays.stream(nanos, 1, nanos.length).min().orElseThrow();
  }

  private static String met(double rate, double target) {
    return rate >= target ? "met" : "NOT met";
  }

  private static String threeOf(String loadavg) {
    var parts = loadavg.split(" ");
    return parts.length < 3 ? loadavg : parts[0] + " " + parts[1] + " " + parts[2];
  }

  private static void write(String table) throws Exception {
    Files.createDirectories(OUT.getParent());
    Files.writeString(OUT, table);
    System.out.println(table);
  }
}
