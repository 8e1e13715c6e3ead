package io.capgate.portal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.protocol.ViolationAction;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.gateway.GatewayServer;
import io.capgate.portal.gateway.GatewayTestSupport;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.TestDatabaseInitializer;
import io.capgate.portal.traces.AgentStream;
import io.capgate.portal.violations.ViolationFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * How long a violation takes to show in an open browser under a sustained stream: an agent session (the protocol
 * client of the gateway tests, over real mutual TLS) sends 400 violations at 20 per second (by default), each stamped with its send time as the syscall time, while a signed-in operator keeps
 * {@code /violations} open in Chromium. A MutationObserver in the page records when each row's
 * {@code data-violation-key} first appears (epoch milliseconds, same host clock), so polling from the test adds
 * nothing to the figure. Reports p50, p99 and max, and rows never seen.
 *
 * <p>Run on demand ({@code -Dit.test=ViolationLatencyBench}, see {@code scripts/bench-fleet.sh}); CI does not
 * run it and nothing asserts a time. It leaves out the engine's own delay from the syscall to the agent (bpftrace's
 * perf buffer, read continuously) and the agent's spool, both measured in docs/benchmarks.md.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(Fixtures.class)
class ViolationLatencyBench {

  /** How many violations, and how many per second ({@code -Dbench.violations}, {@code -Dbench.perSecond}). */
  static final int VIOLATIONS = Integer.getInteger("bench.violations", 400);
  static final int PER_SECOND = Integer.getInteger("bench.perSecond", 20);

  /** Records the first appearance of every violation row key, whatever the grid does with its row elements. */
  private static final String OBSERVER = """
      window.__seen = window.__seen || {};
      const note = el => {
        const key = el.getAttribute && el.getAttribute('data-violation-key');
        if (key && !(key in window.__seen)) { window.__seen[key] = Date.now(); }
      };
      const scan = root => { note(root); root.querySelectorAll && root.querySelectorAll('[data-violation-key]').forEach(note); };
      new MutationObserver(ms => ms.forEach(m => {
        if (m.type === 'attributes') { note(m.target); } else { m.addedNodes.forEach(scan); }
      })).observe(document.body, {subtree: true, childList: true, attributes: true,
          attributeFilter: ['data-violation-key']});
      scan(document.body);
      """;

  @LocalServerPort int port;
  @Autowired Fixtures fixtures;
  @Autowired EnrollmentTokens tokens;
  @Autowired GatewayServer server;
  @Autowired PortalPki pki;
  @Autowired ViolationFeed feed;

  @Test
  void violationToBrowserLatencyUnderASustainedStream() throws Exception {
    var support = new GatewayTestSupport(fixtures, tokens, server, pki);
    var agent = support.enroll();
    long service = fixtures.aService(agent.projectId());
    try (var browser = new Browser("http://localhost:" + port)) {
      int before = feed.subscribers(agent.organizationId());
      browser.login(agent.operator().username(), Fixtures.PASSWORD);
      browser.open("violations");
      browser.byId("violations-grid");
      new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
          .until(d -> feed.subscribers(agent.organizationId()) > before);
      var js = (JavascriptExecutor) browser.driver();
      js.executeScript(OBSERVER);

      Map<String, Long> sentAt = new HashMap<>();
      long start = System.currentTimeMillis();
      try (var stream = new AgentStream(support, agent)) {
        for (int i = 0; i < VIOLATIONS; i++) {
          long due = start + i * 1000L / PER_SECOND;
          long wait = due - System.currentTimeMillis();
          if (wait > 0) {
            Thread.sleep(wait); // pacing the stream, not waiting for a result
          }
          long now = System.currentTimeMillis();
          sentAt.put(stream.violation(service, "app.main", "execve", ViolationAction.KILLED, now), now);
        }
        stream.flush();
      }
      var seen = awaitSeen(js, sentAt.size());
      report(sentAt, seen);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Long> awaitSeen(JavascriptExecutor js, int expected) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    Map<String, Object> seen = Map.of();
    while (System.nanoTime() < end) {
      seen = (Map<String, Object>) js.executeScript("return window.__seen;");
      if (seen.size() >= expected) {
        break;
      }
      Thread.sleep(100);
    }
    Map<String, Long> result = new HashMap<>();
    seen.forEach((k, v) -> result.put(k, ((Number) v).longValue()));
    return result;
  }

  private static void report(Map<String, Long> sentAt, Map<String, Long> seen) {
    List<Long> latencies = new ArrayList<>();
    sentAt.forEach((key, sent) -> {
      Long shown = seen.get(key);
      if (shown != null) {
        latencies.add(shown - sent);
      }
    });
    latencies.sort(null);
    int missing = sentAt.size() - latencies.size();
    assertThat(latencies).as("rows seen").isNotEmpty();
    System.out.printf("ViolationLatencyBench: %d violations at %d/s; seen %d, never rendered %d; send to row "
        + "visible: p50 %d ms, p99 %d ms, max %d ms; load average %s%n", sentAt.size(), PER_SECOND,
        latencies.size(), missing, percentile(latencies, 50), percentile(latencies, 99),
        latencies.getLast(), java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage());
  }

  private static long percentile(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
