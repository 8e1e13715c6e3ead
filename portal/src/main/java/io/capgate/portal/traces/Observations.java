package io.capgate.portal.traces;

import io.capgate.model.protocol.StackFrame;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.security.Access;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what a service was observed doing, for anyone who can read its project; another organization's service is
 * not found.
 */
@Service
public class Observations {

  private static final TypeReference<List<StackFrame>> STACK = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final Access access;

  Observations(JdbcClient jdbc, Access access) {
    this.jdbc = jdbc;
    this.access = access;
  }

  /**
   * The service's observations overlapping {@code [from, to)}, summed per module, syscall and program and ordered
   * by them.
   */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<ObservationSummary> summary(long serviceId, Instant from, Instant to) {
    requireReadableService(serviceId);
    // Straight from the batch rows (V9), unnesting only the arrays needed. The batch's bounds hold its entries':
    // b.first_seen < to prunes partitions and uses the index, and the entries' own times then select exactly.
    return jdbc.sql("""
        select e.module, e.syscall, e.program, sum(e.count), min(e.first_seen), max(e.last_seen)
        from observation_batches b
        cross join lateral unnest(b.modules, b.syscalls, b.programs, b.counts, b.first_seens, b.last_seens)
             as e(module, syscall, program, count, first_seen, last_seen)
        where b.service_id = :service and b.first_seen < :to and b.last_seen >= :from
          and e.first_seen < :to and e.last_seen >= :from
        group by 1, 2, 3 order by 1, 2, 3 nulls first""")
        .param("service", serviceId).param("to", Timestamp.from(to)).param("from", Timestamp.from(from))
        .query((rs, row) -> new ObservationSummary(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getLong(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()))
        .list();
  }

  /** The drop reports for the service whose range overlaps {@code [from, to)}, newest first. */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public List<DropSummary> drops(long serviceId, Instant from, Instant to) {
    requireReadableService(serviceId);
    return jdbc.sql("""
        select agent_id, sequence, from_time, to_time, observations_dropped, violations_dropped, kernel_events_lost
        from drop_reports where service_id = ? and from_time < ? and to_time >= ?
        order by to_time desc, agent_id, sequence""")
        .param(serviceId).param(Timestamp.from(to)).param(Timestamp.from(from))
        .query((rs, row) -> new DropSummary(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
            rs.getTimestamp(4).toInstant(), rs.getLong(5), rs.getLong(6), rs.getLong(7)))
        .list();
  }

  /**
   * One sample Python stack per module of the service, from its most recently seen observation in
   * {@code [from, to)} that carried one (innermost frame first).
   */
  @PreAuthorize("isAuthenticated()")
  @Transactional(readOnly = true)
  public Map<String, List<StackFrame>> sampleStacks(long serviceId, Instant from, Instant to) {
    requireReadableService(serviceId);
    var stacks = new TreeMap<String, List<StackFrame>>();
    jdbc.sql("""
        select distinct on (e.module) e.module, e.sample_stack::text
        from observation_batches b
        cross join lateral unnest(b.modules, b.first_seens, b.last_seens, b.sample_stacks)
             as e(module, first_seen, last_seen, sample_stack)
        where b.service_id = :service and b.first_seen < :to and b.last_seen >= :from
          and e.sample_stack is not null and e.first_seen < :to and e.last_seen >= :from
        order by e.module, e.last_seen desc""")
        .param("service", serviceId).param("to", Timestamp.from(to)).param("from", Timestamp.from(from))
        .query((rs, row) -> Map.entry(rs.getString(1), JsonMapper.shared().readValue(rs.getString(2), STACK)))
        .list().forEach(e -> stacks.put(e.getKey(), List.copyOf(e.getValue())));
    return stacks;
  }

  private void requireReadableService(long serviceId) {
    var owner = jdbc.sql("""
        select p.id, p.organization_id from services s join projects p on p.id = s.project_id where s.id = ?""")
        .param(serviceId).query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}).optional()
        .orElseThrow(() -> new NotFoundException("Service " + serviceId));
    if (owner[1] != access.currentUser().organizationId()) {
      throw new NotFoundException("Service " + serviceId);
    }
    access.projectRoles(owner[0]);
  }
}
