package io.capgate.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** V9 regroups observations stored one row per entry into one row per (agent, sequence, service), losslessly. */
class ObservationBatchesMigrationIT {

  private static final String ENTRY_COLUMNS = "organization_id, agent_id, sequence, service_id, module, syscall, "
      + "coalesce(program, '-'), count, first_seen, last_seen, sample_stack::text";
  private static EmbeddedPostgres postgres;
  private static List<String> before;

  @BeforeAll
  static void migrateWithRowsStoredTheOldWay() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    Flyway.configure().dataSource(postgres.getPostgresDatabase()).target("8").load().migrate();
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      c.createStatement().executeUpdate("""
          insert into observations (organization_id, agent_id, sequence, service_id, module, syscall, program, count,
                                    first_seen, last_seen, sample_stack) values
            (1, 'agent-a', 7, 10, 'app.main', 'execve', '/usr/bin/git', 3, now() - interval '5 min',
             now() - interval '4 min', '[{"file": "/app/main.py", "function": "run", "line": 4}]'),
            (1, 'agent-a', 7, 10, 'app.db', 'connect', null, 12, now() - interval '6 min', now() - interval '1 min',
             '[]'),
            (1, 'agent-a', 7, 11, 'worker', 'read', null, 1, now() - interval '3 min', now() - interval '3 min',
             '[]'),
            (2, 'agent-b', 1, 20, 'svc', 'openat:write', null, 99, now() - interval '40 days',
             now() - interval '40 days', '[]')""");
      before = entries(c);
    }
    Flyway.configure().dataSource(postgres.getPostgresDatabase()).load().migrate();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void everyEntryReadsBackThroughTheViewAsItWasStored() throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      assertThat(before).hasSize(4);
      assertThat(entries(c)).containsExactlyInAnyOrderElementsOf(before);
    }
  }

  @Test
  void entriesAreGroupedPerAgentSequenceAndServiceWithTheBatchBounds() throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      ResultSet rs = c.createStatement().executeQuery("""
          select agent_id || '/' || sequence || '/' || service_id || ' ' || cardinality(modules) || ' '
                 || (first_seen = (select min(o.first_seen) from observations o where o.agent_id = b.agent_id
                                   and o.sequence = b.sequence and o.service_id = b.service_id)) || ' '
                 || (sample_stacks[1] is null or sample_stacks[2] is null)
          from observation_batches b order by agent_id, sequence, service_id""");
      var rows = new ArrayList<String>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      assertThat(rows).containsExactly("agent-a/7/10 2 true true", "agent-a/7/11 1 true true",
          "agent-b/1/20 1 true true");
    }
  }

  @Test
  void theArraysAreNeverCompressedInAnyPartitionOldOrNew() throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      c.createStatement().executeUpdate("""
          create table observation_batches_2031_01 partition of observation_batches
          for values from ('2031-01-01 00:00:00+00') to ('2031-02-01 00:00:00+00')""");
      ResultSet rs = c.createStatement().executeQuery("""
          select distinct a.attstorage::text || coalesce(nullif(a.attcompression::text, ''), '-')
          from pg_attribute a join pg_class t on t.oid = a.attrelid
          where t.relname like 'observation_batches%' and t.relkind in ('r', 'p')
            and a.attname in ('modules', 'syscalls', 'programs', 'counts', 'first_seens', 'last_seens',
                              'sample_stacks')""");
      var settings = new ArrayList<String>();
      while (rs.next()) {
        settings.add(rs.getString(1));
      }
      // 'e': external, so out of line uncompressed, never pglz.
      assertThat(settings).singleElement().isEqualTo("e-");
    }
  }

  private static List<String> entries(Connection c) throws Exception {
    ResultSet rs = c.createStatement().executeQuery("select " + ENTRY_COLUMNS + " from observations");
    var rows = new ArrayList<String>();
    while (rs.next()) {
      var row = new StringBuilder();
      for (int i = 1; i <= 11; i++) {
        row.append(rs.getString(i)).append('|');
      }
      rows.add(row.toString());
    }
    return rows;
  }
}
