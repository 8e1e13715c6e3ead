package io.capgate.portal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.SequencedMessage;
import io.capgate.model.protocol.StackFrame;
import io.capgate.model.protocol.Violation;
import io.capgate.model.protocol.ViolationAction;
import io.capgate.portal.agents.AgentIdentity;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The store on its own: binary COPY of awkward values, and exactly-once across a store that never committed. */
@PortalTest
class IngestStoreIT {

  @Autowired IngestStore store;
  @Autowired Fixtures fixtures;
  @Autowired EnrollmentTokens tokens;
  @Autowired GatewayServer server;
  @Autowired PortalPki pki;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired Clock clock;

  AgentIdentity agent;
  long service;
  long now;

  @BeforeEach
  void setUp() {
    var enrolled = new GatewayTestSupport(fixtures, tokens, server, pki).enroll();
    agent = new AgentIdentity(enrolled.agentId(), enrolled.organizationId(), enrolled.projectId());
    service = fixtures.aService(enrolled.projectId());
    now = clock.millis();
  }

  @Test
  void aStoreThatDiesBeforeCommitLeavesNothingAndItsReplayIsStoredOnce() {
    var records = List.<SequencedMessage>of(batch(1, 500), violation(2, "d"), batch(3, 500));

    // A crash after the COPYs and before the high-water mark commits: the transaction never completes.
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
      assertThat(store.store(agent, records).storedThrough()).isEqualTo(3);
      assertThat(count("observations")).isEqualTo(1_000); // the COPYs ran, in this transaction
      status.setRollbackOnly();
    });
    assertThat(count("observations")).isZero();
    assertThat(store.storedThrough(agent.agentId())).isZero();

    // The agent replays from its last ACK (nothing), and then once more from an older point.
    assertThat(store.store(agent, records).storedThrough()).isEqualTo(3);
    assertThat(store.store(agent, records).storedThrough()).isEqualTo(3);
    assertThat(count("observations")).isEqualTo(1_000);
    assertThat(count("violations")).isOne();
    assertThat(jdbc.sql("select count(distinct sequence) from observations where agent_id = ?")
        .param(agent.agentId()).query(Long.class).single()).isEqualTo(2);
  }

  @Test
  void textAndStacksSurviveBinaryCopyExactlyExceptNulWhichPostgresCannotHold() {
    String detail = "sh -c \"id, whoami\"\nexit 0\t\\ ünïcødé 🚀 nul:\0.";
    var frame = new StackFrame("/app/we\"ird\\path\u0001.py", "fünc\ttion", 7);
    var entry = new ObservationEntry("" + service, "mod\"ule", "execve", Optional.of("/usr/bin/g\"it,x"), 3,
        now - 2_000, now - 1_000, List.of(frame, new StackFrame("/app/b.py", "g", 9)));

    store.store(agent, List.of(new ObservationBatch(1, 1, List.of(entry)), new Violation(2, 2, "" + service, 11,
        12, now, "mod", "execve", 59, ViolationAction.KILLED, List.of(frame), detail)));

    var stored = jdbc.sql("""
        select o.module, o.program, o.count, o.sample_stack::text, v.detail, v.stack::text, v.action, v.pid,
               extract(epoch from o.first_seen) * 1000, extract(epoch from v.at) * 1000
        from observations o join violations v using (agent_id) where o.agent_id = ?""").param(agent.agentId())
        .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getLong(3), stack(rs.getString(4)),
            rs.getString(5), stack(rs.getString(6)), rs.getString(7), rs.getInt(8), rs.getLong(9), rs.getLong(10)))
        .single();
    assertThat(stored).containsExactly("mod\"ule", "/usr/bin/g\"it,x", 3L, entry.sampleStack(),
        detail.replace('\0', '\uFFFD'), List.of(frame), "KILLED", 11, now - 2_000, now);
  }

  @Test
  void rowsOfManyChunksAreStreamedAndInterleavedRecordsAllStored() {
    var records = new ArrayList<SequencedMessage>();
    for (int i = 0; i < 20; i++) {
      records.add(batch(2L * i + 1, 400));
      records.add(violation(2L * i + 2, "v" + i));
    }

    assertThat(store.store(agent, records).storedThrough()).isEqualTo(40);

    // 20 batch rows of 400 entries, over 100 bytes each: the observations COPY went out in several chunks.
    assertThat(20 * 400 * 100).isGreaterThan(10 * CopyRows.CHUNK_BYTES);
    assertThat(jdbc.sql("select count(*), sum(count), count(distinct sequence) from observations where agent_id = ?")
        .param(agent.agentId()).query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single())
        .containsExactly(8_000L, 20 * (400L * 401 / 2), 20L);
    assertThat(jdbc.sql("""
        select count(distinct sequence), count(*) > 20, max(pg_column_size(b.*)) < 8160
        from observation_batches b where agent_id = ?""").param(agent.agentId())
        .query((rs, n) -> List.of(rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3))).single())
        .as("batches, several rows each, every row small enough to stay inline").containsExactly(20L, true, true);
    assertThat(jdbc.sql("select module from violations where agent_id = ? order by sequence")
        .param(agent.agentId()).query(String.class).list()).hasSize(20).startsWith("v0", "v1").endsWith("v19");
  }

  @Test
  void aBatchOfSeveralServicesIsOneRowPerServiceWithItsEntriesInOrder() {
    long other = fixtures.aService(agent.projectId());
    var entries = List.of(
        new ObservationEntry("" + service, "a", "read", Optional.empty(), 1, now - 3_000, now - 2_000, List.of()),
        new ObservationEntry("" + other, "b", "execve", Optional.of("/usr/bin/git"), 2, now - 9_000, now - 1_000,
            List.of(new StackFrame("/app/b.py", "run", 3))),
        new ObservationEntry("" + service, "c", "write", Optional.empty(), 3, now - 5_000, now - 4_000, List.of()));

    store.store(agent, List.of(new ObservationBatch(1, 1, entries)));

    assertThat(jdbc.sql("""
        select service_id, cardinality(modules), extract(epoch from first_seen) * 1000,
               extract(epoch from last_seen) * 1000
        from observation_batches where agent_id = ? order by service_id""").param(agent.agentId())
        .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).list())
        .containsExactlyInAnyOrder(List.of(service, 2L, now - 5_000, now - 2_000),
            List.of(other, 1L, now - 9_000, now - 1_000));
    assertThat(jdbc.sql("""
        select service_id || ' ' || module || ' ' || syscall || ' ' || coalesce(program, '-') || ' ' || count
               || ' ' || jsonb_array_length(sample_stack)
        from observations where agent_id = ? order by service_id, module""").param(agent.agentId())
        .query(String.class).list())
        .containsExactlyInAnyOrder(service + " a read - 1 0", service + " c write - 3 0",
            other + " b execve /usr/bin/git 2 1");
  }

  @Test
  void aCopyFailingAfterItsFirstChunksLeavesNothingAndTheRecordsCanBeStoredAgain() {
    var records = new ArrayList<SequencedMessage>(List.of(batch(1, 4_000), violation(2, "a")));
    var poisoned = new ArrayList<>(batch(3, 4_000).entries());
    poisoned.set(3_500, new ObservationEntry("" + service, "poison", "read", Optional.empty(), 1, now - 5_000,
        now - 1_000, List.of()));
    records.add(new ObservationBatch(3, 3, poisoned));
    jdbc.sql("""
        alter table observation_batches add constraint ingest_store_it_poison check (not 'poison' = any(modules))""")
        .update();
    try {
      assertThatThrownBy(() -> store.store(agent, records)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("COPY into observation_batches failed").hasMessageContaining("ingest_store_it_poison");
    } finally {
      jdbc.sql("alter table observation_batches drop constraint ingest_store_it_poison").update();
    }
    assertThat(count("observations")).isZero();
    assertThat(count("violations")).isZero();
    assertThat(store.storedThrough(agent.agentId())).isZero();

    assertThat(store.store(agent, records).storedThrough()).isEqualTo(3);
    assertThat(count("observations")).isEqualTo(8_000);
    assertThat(count("violations")).isOne();
  }

  @Test
  void anObservationWithoutProgramOrStackStoresNulls() {
    store.store(agent, List.of(new ObservationBatch(1, 1, List.of(new ObservationEntry("" + service, "m", "read",
        Optional.empty(), 1, now, now, List.of())))));

    assertThat(jdbc.sql("select program is null and sample_stack = '[]'::jsonb from observations where agent_id = ?")
        .param(agent.agentId()).query(Boolean.class).single()).isTrue();
  }

  private static List<StackFrame> stack(String json) {
    return JsonMapper.shared().readValue(json, new TypeReference<List<StackFrame>>() {});
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table + " where agent_id = ?").param(agent.agentId())
        .query(Long.class).single();
  }

  private ObservationBatch batch(long sequence, int entries) {
    var list = new ArrayList<ObservationEntry>();
    for (int i = 0; i < entries; i++) {
      list.add(new ObservationEntry("" + service, "app.package.module" + i % 9, "read", Optional.empty(), 1 + i,
          now - 5_000,
          now - 1_000, List.of(new StackFrame("/app/m.py", "f", i))));
    }
    return new ObservationBatch(sequence, sequence, list);
  }

  private Violation violation(long sequence, String module) {
    return new Violation(sequence, sequence, "" + service, 1, 1, now, module, "execve", 59,
        ViolationAction.ALERTED, List.of(new StackFrame("/app/" + module + ".py", "f", 1)), "");
  }
}
