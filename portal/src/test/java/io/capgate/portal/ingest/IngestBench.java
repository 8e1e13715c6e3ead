package io.capgate.portal.ingest;

import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.StackFrame;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.gateway.GatewayServer;
import io.capgate.portal.gateway.GatewayTestSupport;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ingestion throughput through a real TLS session into the embedded PostgreSQL: 200k observation entries in
 * batches of 1,000, timed from the first frame to the ACK of the last. Its name matches neither Surefire's nor
 * Failsafe's patterns; run it with {@code -Dit.test=IngestBench}. It prints records/s and asserts nothing about
 * time.
 */
@PortalTest
class IngestBench {

  static final int BATCHES = 200;
  static final int PER_BATCH = 1_000;

  @Autowired Fixtures fixtures;
  @Autowired EnrollmentTokens tokens;
  @Autowired GatewayServer server;
  @Autowired PortalPki pki;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

  @Test
  void run() {
    var support = new GatewayTestSupport(fixtures, tokens, server, pki);
    var enrolled = support.enroll();
    String service = "" + fixtures.aService(enrolled.projectId());
    long now = clock.millis();
    var batches = new ArrayList<ObservationBatch>();
    for (int b = 1; b <= BATCHES; b++) {
      var entries = new ArrayList<ObservationEntry>(PER_BATCH);
      for (int e = 0; e < PER_BATCH; e++) {
        entries.add(new ObservationEntry(service, "pkg" + (e % 50) + ".module" + (e % 7), "syscall" + (e % 60),
            Optional.empty(), 1 + e % 13, now - 60_000, now - 1_000,
            List.of(new StackFrame("/app/pkg/module.py", "handler", 40 + e % 5))));
      }
      batches.add(new ObservationBatch(b, b, entries));
    }
    try (var agent = support.openSession(enrolled)) {
      long start = System.nanoTime();
      batches.forEach(agent::send);
      IngestIT.ackUpTo(agent, BATCHES);
      double seconds = (System.nanoTime() - start) / 1e9;
      long stored = jdbc.sql("select count(*) from observations where agent_id = ?").param(enrolled.agentId())
          .query(Long.class).single();
      System.out.printf("IngestBench: %d observation records stored in %.2f s: %.0f records/s%n", stored, seconds,
          stored / seconds);
    }
  }
}
