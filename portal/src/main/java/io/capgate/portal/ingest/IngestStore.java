package io.capgate.portal.ingest;

import io.capgate.model.protocol.DropReport;
import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.SequencedMessage;
import io.capgate.model.protocol.StackFrame;
import io.capgate.model.protocol.ServiceDrops;
import io.capgate.model.protocol.Violation;
import io.capgate.portal.agents.AgentIdentity;
import io.capgate.portal.ingest.StoreResult.Refusal;
import io.capgate.portal.violations.ViolationReceived;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a flush of one agent's sequenced records exactly once: under a row lock on the agent's high-water mark
 * ({@code agent_sequences.stored_through}), records at or below it are replays and skipped, the next one in order
 * is stored (or refused and consumed, for a service outside the agent's project), and one past a gap is refused
 * without consuming it, so the agent replays it after reconnecting. Rows and the new mark commit together.
 */
@Component
class IngestStore {

  private static final String OBSERVATION_COLUMNS = "organization_id, agent_id, sequence, service_id, first_seen, "
      + "last_seen, modules, syscalls, programs, counts, first_seens, last_seens, sample_stacks";
  private static final String VIOLATION_COLUMNS = "organization_id, agent_id, sequence, service_id, pid, tid, at, "
      + "module, syscall, syscall_nr, action, stack, detail, received_at";
  private static final String DROP_COLUMNS = "agent_id, sequence, organization_id, service_id, from_time, to_time, "
      + "observations_dropped, violations_dropped, kernel_events_lost, received_at";

  /** Array bytes per observation row: with the row's other columns and headers, under 8160 (V9). */
  static final int ROW_BYTES = 7_000;

  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private final Clock clock;

  IngestStore(JdbcClient jdbc, DataSource dataSource, Clock clock) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** The highest sequence up to which everything from the agent is stored, 0 before the first. */
  @Transactional(readOnly = true)
  public long storedThrough(String agentId) {
    return jdbc.sql("select stored_through from agent_sequences where agent_id = ?").param(agentId)
        .query(Long.class).optional().orElse(0L);
  }

  /** Stores the records (in the order the agent sent them) and advances the agent's high-water mark. */
  @Transactional
  public StoreResult store(AgentIdentity agent, List<SequencedMessage> records) {
    long storedThrough = lockHighWaterMark(agent.agentId());
    Set<String> services = projectServices(agent);
    Instant now = clock.instant();
    var refusals = new ArrayList<Refusal>();
    var accepted = new ArrayList<SequencedMessage>(records.size());
    long expected = storedThrough + 1;
    for (var record : records) {
      if (record.sequence() < expected) {
        continue; // a replay of something stored
      }
      if (record.sequence() > expected) {
        refusals.add(new Refusal(record.requestId(), record.sequence(), false,
            "sequence " + record.sequence() + " skips " + expected + "; reconnect and replay from HELLO_ACK"));
        continue;
      }
      expected++;
      var foreign = serviceIds(record).filter(id -> !services.contains(id)).findFirst();
      if (foreign.isPresent()) {
        refusals.add(new Refusal(record.requestId(), record.sequence(), true, "service " + foreign.get()
            + " is not a service of this agent's project; sequence " + record.sequence() + " was discarded"));
        continue;
      }
      accepted.add(record);
    }
    var events = copy(agent, accepted, now);
    long newMark = expected - 1;
    if (newMark > storedThrough) {
      jdbc.sql("update agent_sequences set stored_through = ?, updated_at = ? where agent_id = ?")
          .param(newMark).param(java.sql.Timestamp.from(now)).param(agent.agentId()).update();
    }
    return new StoreResult(newMark, refusals, events);
  }

  /** One COPY per table, one after the other (a connection runs one COPY at a time); the violations' events. */
  private List<ViolationReceived> copy(AgentIdentity agent, List<SequencedMessage> records, Instant now) {
    var observations = new CopyRows(dataSource, "observation_batches", OBSERVATION_COLUMNS);
    for (var record : records) {
      if (record instanceof ObservationBatch batch) {
        byService(batch).forEach((service, entries) -> inlineSized(entries)
            .forEach(part -> observations(observations, agent, batch, service, part)));
      }
    }
    observations.finish();
    var violations = new CopyRows(dataSource, "violations", VIOLATION_COLUMNS);
    var events = new ArrayList<ViolationReceived>();
    for (var record : records) {
      if (record instanceof Violation violation) {
        violation(violations, agent, violation, now);
        events.add(new ViolationReceived(agent.organizationId(), Long.parseLong(violation.serviceId()),
            agent.agentId(), violation.sequence(), Instant.ofEpochMilli(violation.timeMillis()),
            violation.module(), violation.syscall(), violation.action().name()));
      }
    }
    violations.finish();
    var drops = new CopyRows(dataSource, "drop_reports", DROP_COLUMNS);
    for (var record : records) {
      if (record instanceof DropReport report) {
        report.services().forEach(service -> drop(drops, agent, report, service, now));
      }
    }
    drops.finish();
    return events;
  }

  private long lockHighWaterMark(String agentId) {
    jdbc.sql("insert into agent_sequences (agent_id, stored_through) values (?, 0) on conflict do nothing")
        .param(agentId).update();
    return jdbc.sql("select stored_through from agent_sequences where agent_id = ? for update").param(agentId)
        .query(Long.class).single();
  }

  /** Ids (as on the wire) of the services in the agent's project, which must be its organization's. */
  private Set<String> projectServices(AgentIdentity agent) {
    return new HashSet<>(jdbc.sql("""
        select s.id::text from services s join projects p on p.id = s.project_id
        where s.project_id = ? and p.organization_id = ?""")
        .param(agent.projectId()).param(agent.organizationId()).query(String.class).list());
  }

  private static Stream<String> serviceIds(SequencedMessage record) {
    return switch (record) {
      case ObservationBatch batch -> batch.entries().stream().map(ObservationEntry::serviceId);
      case Violation violation -> Stream.of(violation.serviceId());
      case DropReport report -> report.services().stream().map(ServiceDrops::serviceId);
    };
  }

  /** A batch's entries by service, in their order (a batch is usually one service's window). */
  private static Map<String, List<ObservationEntry>> byService(ObservationBatch batch) {
    var byService = new LinkedHashMap<String, List<ObservationEntry>>();
    for (var entry : batch.entries()) {
      byService.computeIfAbsent(entry.serviceId(), id -> new ArrayList<>(batch.entries().size())).add(entry);
    }
    return byService;
  }

  /**
   * Entries in runs whose row stays within {@link #ROW_BYTES}, so the row is stored inline (V9: partitions keep rows
   * up to 8160 bytes without TOAST, whose lookups made reading the arrays three times slower). Estimated from the
   * strings' lengths; an entry larger than that on its own gets its own row, which TOAST then takes.
   */
  static List<List<ObservationEntry>> inlineSized(List<ObservationEntry> entries) {
    var parts = new ArrayList<List<ObservationEntry>>();
    int from = 0;
    int bytes = 0;
    for (int i = 0; i < entries.size(); i++) {
      int size = estimatedBytes(entries.get(i));
      if (i > from && bytes + size > ROW_BYTES) {
        parts.add(entries.subList(from, i));
        from = i;
        bytes = 0;
      }
      bytes += size;
    }
    parts.add(entries.subList(from, entries.size()));
    return parts;
  }

  /** Array bytes of one entry: a 4-byte length per element of each of the 7 arrays, and the values. */
  private static int estimatedBytes(ObservationEntry entry) {
    int stack = 0;
    for (var frame : entry.sampleStack()) {
      stack += frame.file().length() + frame.function().length() + 40;
    }
    return 7 * 4 + entry.module().length() + entry.syscall().length() + entry.program().map(String::length)
        .orElse(0) + 3 * 8 + stack;
  }

  /** One row of parallel arrays for a batch's entries of one service (V9 says why). */
  private static void observations(CopyRows rows, AgentIdentity agent, ObservationBatch batch, String service,
      List<ObservationEntry> entries) {
    int n = entries.size();
    var modules = new ArrayList<String>(n);
    var syscalls = new ArrayList<String>(n);
    var programs = new ArrayList<String>(n);
    var stacks = new ArrayList<List<StackFrame>>(n);
    long[] counts = new long[n];
    long[] firstSeen = new long[n];
    long[] lastSeen = new long[n];
    for (int i = 0; i < n; i++) {
      var entry = entries.get(i);
      modules.add(entry.module());
      syscalls.add(entry.syscall());
      programs.add(entry.program().orElse(null));
      stacks.add(entry.sampleStack());
      counts[i] = entry.count();
      firstSeen[i] = entry.firstSeenMillis();
      lastSeen[i] = entry.lastSeenMillis();
    }
    rows.row().int8(agent.organizationId()).text(agent.agentId()).int8(batch.sequence()).int8(Long.parseLong(service))
        .time(Arrays.stream(firstSeen).min().orElseThrow()).time(Arrays.stream(lastSeen).max().orElseThrow())
        .textArray(modules).textArray(syscalls).textArray(programs).int8Array(counts).timeArray(firstSeen)
        .timeArray(lastSeen).stackArray(stacks);
  }

  private static void violation(CopyRows rows, AgentIdentity agent, Violation violation, Instant now) {
    rows.row().int8(agent.organizationId()).text(agent.agentId()).int8(violation.sequence())
        .int8(Long.parseLong(violation.serviceId())).int4(violation.pid()).int4(violation.tid())
        .time(violation.timeMillis()).text(violation.module()).text(violation.syscall())
        .int4(violation.syscallNumber()).text(violation.action().name()).stack(violation.stack())
        .text(violation.detail()).time(now.toEpochMilli());
  }

  private static void drop(CopyRows rows, AgentIdentity agent, DropReport report, ServiceDrops service,
      Instant now) {
    rows.row().text(agent.agentId()).int8(report.sequence()).int8(agent.organizationId())
        .int8(Long.parseLong(service.serviceId())).time(report.fromMillis()).time(report.toMillis())
        .int8(service.observationsDropped()).int8(service.violationsDropped()).int8(service.kernelEventsLost())
        .time(now.toEpochMilli());
  }
}
