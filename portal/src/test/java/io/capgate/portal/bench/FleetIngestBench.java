package io.capgate.portal.bench;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The fleet ingestion benchmark ({@code scripts/bench-fleet.sh}): one real agent process streams over TLS into
 * this portal's embedded PostgreSQL. It enrolls the packaged agent with a fresh token ({@code capgate agent
 * enroll}), runs its load generator ({@code FleetLoad}: N observation entries in batches, then M violations one
 * by one, through the agent's spool and connection), and then
 *
 * <ul>
 *   <li>asserts zero loss: row counts, the sum of observation counts, contiguous sequences, the agent's stored
 *       mark at the last sequence, no drop reports and no drops in the agent;
 *   <li>measures sustained rates from the first to the last stored row of each kind ({@link MarkSampler});
 *   <li>reports CPU seconds per 1k events of the agent, of this portal JVM and of PostgreSQL.
 * </ul>
 *
 * <p>Results go to {@code target/bench/fleet.md}. Its name matches neither Surefire's nor Failsafe's patterns,
 * so only the benchmark command runs it; it asserts nothing about time. Sizes: system properties
 * {@code capgate.bench.observations} (1,000,000), {@code capgate.bench.violations} (100,000),
 * {@code capgate.bench.batch} (1,000 entries per observation batch), {@code capgate.bench.agent-jar},
 * {@code capgate.bench.stack-every-entry} (false: a sample stack per (module, syscall) pair, as the engine sends).
 */
@PortalTest
class FleetIngestBench {

  static final Path OUT = Path.of("target", "bench", "fleet.md");

  @Autowired Fixtures fixtures;
  @Autowired EnrollmentTokens tokens;
  @Autowired JdbcClient jdbc;

  @Test
  void run() throws Exception {
    long observations = Long.getLong("capgate.bench.observations", 1_000_000);
    int violations = Integer.getInteger("capgate.bench.violations", 100_000);
    int batch = Integer.getInteger("capgate.bench.batch", 1_000);
    assertThat(observations % batch).as("observations must fill whole batches").isZero();
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
    String loadBefore = ProcessCpu.loadAverage();
    double portalCpu = ProcessCpu.self();
    double postgresCpu = ProcessCpu.postgres(postmaster);
    Map<String, String> load;
    MarkSampler marks;
    try (var sampler = new MarkSampler(jdbc, agentId)) {
      marks = sampler;
      load = agent.load(stateDir, service, observations, violations, batch);
    }
    portalCpu = ProcessCpu.self() - portalCpu;
    postgresCpu = ProcessCpu.postgres(postmaster) - postgresCpu;
    String loadAfter = ProcessCpu.loadAverage();

    long first = Long.parseLong(load.get("first_sequence"));
    long last = Long.parseLong(load.get("last_sequence"));
    long batches = (observations + batch - 1) / batch;
    var loss = new LossCheck(jdbc, agentId);
    loss.assertComplete(observations, violations, batch, first, batches, last);
    assertThat(load.get("drops")).as("records the agent's spool dropped").isEqualTo("0");

    double observationRate = marks.rate(first, first + batches - 1, batch);
    double violationRate = marks.rate(first + batches, last, 1);
    double events = (observations + violations) / 1000.0;
    write(String.format(Locale.ROOT, """
        | What | Value | Target |
        |---|---|---|
        | observation entries stored (batches of %d) | %,d in %,d records | zero loss: met |
        | violations stored (one record each) | %,d | zero loss: met |
        | sustained observation rate, first to last stored row | **%,.0f records/s** | >= 100,000/s: %s |
        | sustained violation rate, first to last stored row | **%,.0f violations/s** | >= 5,000/s: %s |
        | agent: whole stream, first append to last ACK | %s s (producer done after %s s) | |
        | agent CPU, first append to last ACK (%s s with JVM start) | %s s: **%.4f CPU-s per 1k events** | |
        | portal JVM CPU (TLS, decode, COPY rows) | %.2f s: %.4f CPU-s per 1k events | |
        | PostgreSQL CPU (all backends) | %.2f s: %.4f CPU-s per 1k events | |
        | load average (1, 5, 15 min) before / after | %s / %s | |
        """, batch, observations, batches, violations, observationRate, observationRate >= 100_000 ? "met" : "NOT met",
        violationRate, violationRate >= 5_000 ? "met" : "NOT met", load.get("stream_s"), load.get("produce_s"),
        load.get("cpu_total_s"), load.get("cpu_s"), Double.parseDouble(load.get("cpu_s")) / events, portalCpu,
        portalCpu / events, postgresCpu, postgresCpu / events, threeOf(loadBefore), threeOf(loadAfter)));
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
