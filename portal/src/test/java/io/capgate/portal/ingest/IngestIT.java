package io.capgate.portal.ingest;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.model.protocol.Ack;
import io.capgate.model.protocol.Assignments;
import io.capgate.model.protocol.AgentMessage;
import io.capgate.model.protocol.DropReport;
import io.capgate.model.protocol.ErrorCode;
import io.capgate.model.protocol.ErrorReply;
import io.capgate.model.protocol.HelloAck;
import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.SequencedMessage;
import io.capgate.model.protocol.ServiceDrops;
import io.capgate.model.protocol.StackFrame;
import io.capgate.model.protocol.Violation;
import io.capgate.model.protocol.ViolationAction;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.gateway.GatewayServer;
import io.capgate.portal.gateway.GatewayTestSupport;
import io.capgate.portal.gateway.TestAgent;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import io.capgate.portal.traces.Observations;
import io.capgate.portal.violations.ViolationFilter;
import io.capgate.portal.violations.ViolationPage;
import io.capgate.portal.violations.Violations;
import io.capgate.portal.violations.ViolationReceived;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Agents stream over a real TLS session; rows land once in PostgreSQL and the read APIs stay in their tenant. */
@PortalTest
class IngestIT {

  @Autowired Fixtures fixtures;
  @Autowired EnrollmentTokens tokens;
  @Autowired GatewayServer server;
  @Autowired PortalPki pki;
  @Autowired Observations observations;
  @Autowired Violations violations;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

  /** Quotes, a comma and a newline: COPY's CSV must carry them unchanged. */
  static final String DETAIL = "/bin/sh -c \"id, whoami\"\nexit 0";

  @Autowired ConfigurableApplicationContext context;

  GatewayTestSupport support;
  long now;

  @BeforeEach
  void setUp() {
    support = new GatewayTestSupport(fixtures, tokens, server, pki);
    now = clock.millis();
  }

  @Test
  void batchesViolationsAndDropsAreStoredOnceAndAcknowledgedEvenWhenReplayed() {
    var enrolled = support.enroll();
    long service = fixtures.aService(enrolled.projectId());
    var stream = new ArrayList<SequencedMessage>();
    for (long seq = 1; seq <= 3; seq++) {
      stream.add(batch(seq, service, "requests", "connect", 10));
    }
    for (long seq = 4; seq <= 8; seq++) {
      stream.add(violation(seq, service, "yaml"));
    }
    stream.add(new DropReport(90, 9, now - 60_000, now, List.of(new ServiceDrops("" + service, 7, 1, 3))));

    try (var agent = support.openSession(enrolled)) {
      stream.forEach(agent::send);
      assertThat(ackUpTo(agent, 9)).isEmpty();
    }
    try (var agent = support.connect(enrolled)) {
      agent.send(GatewayTestSupport.hello(enrolled.agentId()));
      assertThat(agent.next(HelloAck.class).lastStoredSequence()).isEqualTo(9);
      agent.next(Assignments.class);
      stream.forEach(agent::send); // a replay from an older resume point
      assertThat(ackUpTo(agent, 9)).isEmpty();
    }

    var summary = as(enrolled.operator(), () -> observations.summary(service, Instant.ofEpochMilli(now - 3_600_000),
        Instant.ofEpochMilli(now + 3_600_000)));
    assertThat(summary).singleElement().satisfies(row -> {
      assertThat(row.module()).isEqualTo("requests");
      assertThat(row.count()).isEqualTo(30);
    });
    var page = as(enrolled.operator(), () -> violations.page(ViolationFilter.ofService(service), null, 10));
    assertThat(page.items()).extracting(v -> v.sequence()).containsExactlyInAnyOrder(4L, 5L, 6L, 7L, 8L);
    assertThat(page.items().getFirst().stack()).containsExactly(new StackFrame("/app/yaml.py", "load", 12));
    assertThat(page.items().getFirst().detail()).isEqualTo(DETAIL);
    var drops = as(enrolled.operator(), () -> observations.drops(service, Instant.ofEpochMilli(now - 3_600_000),
        Instant.ofEpochMilli(now + 3_600_000)));
    assertThat(drops).singleElement().satisfies(d -> assertThat(d.observationsDropped()).isEqualTo(7));
  }

  @Test
  void aRecordAfterAGapIsRefusedUntilTheMissingOneArrives() {
    var enrolled = support.enroll();
    long service = fixtures.aService(enrolled.projectId());

    try (var agent = support.openSession(enrolled)) {
      agent.send(violation(1, service, "a"));
      assertThat(ackUpTo(agent, 1)).isEmpty();
      agent.send(violation(3, service, "c"));
      var refused = ackUpTo(agent, 1);
      agent.send(violation(2, service, "b"));
      agent.send(violation(3, service, "c"));
      assertThat(ackUpTo(agent, 3)).isEmpty();

      assertThat(refused).singleElement().satisfies(e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.UNEXPECTED_MESSAGE);
        assertThat(e.message()).contains("sequence 3 skips 2");
      });
    }
    var page = as(enrolled.operator(), () -> violations.page(ViolationFilter.ofService(service), null, 10));
    assertThat(page.items()).extracting(v -> v.module()).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void aRecordForAnotherOrganizationsServiceIsRefusedAndNothingOfItIsStored() {
    var enrolled = support.enroll();
    long own = fixtures.aService(enrolled.projectId());
    long foreign = fixtures.aService(fixtures.aProject(fixtures.anOrganization()));

    try (var agent = support.openSession(enrolled)) {
      agent.send(violation(1, own, "ok"));
      agent.send(new ObservationBatch(20, 2, List.of(entry(own, "mixed", "read", 1),
          entry(foreign, "mixed", "read", 1))));
      agent.send(violation(3, foreign, "evil"));
      var errors = ackUpTo(agent, 3);

      assertThat(errors).hasSize(2).allSatisfy(e -> assertThat(e.message()).contains("was discarded"));
    }
    assertThat(count("observations", enrolled.agentId())).isZero();
    assertThat(count("violations", enrolled.agentId())).isOne();
    assertThat(jdbc.sql("select count(*) from violations where service_id = ?").param(foreign).query(Long.class)
        .single()).isZero();
  }

  @Test
  void readsStayInTheCallersOrganization() {
    var enrolled = support.enroll();
    long service = fixtures.aService(enrolled.projectId());
    try (var agent = support.openSession(enrolled)) {
      agent.send(batch(1, service, "requests", "connect", 1));
      agent.send(violation(2, service, "yaml"));
      assertThat(ackUpTo(agent, 2)).isEmpty();
    }
    var stranger = fixtures.aUser(fixtures.anOrganization(), Role.ORG_ADMIN);
    Instant from = Instant.ofEpochMilli(now - 3_600_000);
    Instant to = Instant.ofEpochMilli(now + 3_600_000);

    assertThatThrownBy(() -> as(stranger, () -> observations.summary(service, from, to)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> as(stranger, () -> violations.page(ViolationFilter.ofService(service), null, 10)))
        .isInstanceOf(NotFoundException.class);
    var strangersView = as(stranger, () -> violations.page(
        new ViolationFilter(null, enrolled.agentId(), null, null, null), null, 10));
    assertThat(strangersView.items()).isEmpty();
    assertThat(as(enrolled.operator(), () -> violations.page(
        new ViolationFilter(null, enrolled.agentId(), from, to, "yaml"), null, 10)).items()).hasSize(1);
  }

  @Test
  void violationPagesFollowTheKeysetNewestFirst() {
    var enrolled = support.enroll();
    long service = fixtures.aService(enrolled.projectId());
    try (var agent = support.openSession(enrolled)) {
      LongStream.rangeClosed(1, 5).forEach(seq -> agent.send(violation(seq, service, "m" + seq)));
      assertThat(ackUpTo(agent, 5)).isEmpty();
    }
    var seen = new ArrayList<Long>();
    ViolationPage.Cursor after = null;
    do {
      var cursor = after;
      var page = as(enrolled.operator(), () -> violations.page(ViolationFilter.ofService(service), cursor, 2));
      page.items().forEach(v -> seen.add(v.sequence()));
      after = page.next().orElse(null);
    } while (after != null);

    assertThat(seen).containsExactly(5L, 4L, 3L, 2L, 1L);
  }

  @Test
  void eachStoredViolationIsPublishedOnceBeforeItsAck() {
    var enrolled = support.enroll();
    long service = fixtures.aService(enrolled.projectId());
    var received = new CopyOnWriteArrayList<ViolationReceived>();
    ApplicationListener<PayloadApplicationEvent<ViolationReceived>> listener = event -> {
      if (event.getPayload().agentId().equals(enrolled.agentId())) {
        received.add(event.getPayload());
      }
    };
    var multicaster = context.getBean(ApplicationEventMulticaster.class);
    multicaster.addApplicationListener(listener);
    try (var agent = support.openSession(enrolled)) {
      agent.send(violation(1, service, "yaml"));
      agent.send(violation(2, service, "pickle"));
      assertThat(ackUpTo(agent, 2)).isEmpty();
      agent.send(violation(2, service, "pickle"));
      assertThat(ackUpTo(agent, 2)).isEmpty();
    } finally {
      multicaster.removeApplicationListener(listener);
    }

    assertThat(received).extracting(ViolationReceived::sequence).containsExactly(1L, 2L);
    assertThat(received.getFirst().serviceId()).isEqualTo(service);
    assertThat(received.getFirst().organizationId()).isEqualTo(enrolled.organizationId());
  }

  private long count(String table, String agentId) {
    return jdbc.sql("select count(*) from " + table + " where agent_id = ?").param(agentId).query(Long.class)
        .single();
  }

  /** Reads until an ACK covers {@code sequence}; returns the ERRORs seen on the way. */
  static List<ErrorReply> ackUpTo(TestAgent agent, long sequence) {
    var errors = new ArrayList<ErrorReply>();
    long acked = 0;
    while (acked < sequence) {
      AgentMessage message = agent.next(AgentMessage.class);
      switch (message) {
        case Ack ack -> acked = Math.max(acked, ack.upToSequence());
        case ErrorReply error -> errors.add(error);
        default -> throw new AssertionError("unexpected " + message);
      }
    }
    assertThat(acked).isEqualTo(sequence);
    return errors;
  }

  ObservationBatch batch(long seq, long service, String module, String syscall, long count) {
    return new ObservationBatch(seq + 100, seq, List.of(entry(service, module, syscall, count)));
  }

  ObservationEntry entry(long service, String module, String syscall, long count) {
    return new ObservationEntry("" + service, module, syscall, Optional.empty(), count, now - 60_000, now - 1_000,
        List.of(new StackFrame("/app/" + module + ".py", "call", 3)));
  }

  Violation violation(long seq, long service, String module) {
    return new Violation(seq + 100, seq, "" + service, 4242, 4243, now - Duration.ofSeconds(60 - seq).toMillis(),
        module, "execve", 59, ViolationAction.ALERTED, List.of(new StackFrame("/app/" + module + ".py", "load", 12)),
        DETAIL);
  }
}
