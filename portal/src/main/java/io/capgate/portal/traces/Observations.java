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
    // The batch's bounds hold its entries' (V9): batch_first_seen < to prunes partitions and uses the index, and
    // the entries' own times then select exactly.
    return jdbc.sql("""
        select module, syscall, program, sum(count), min(first_seen), max(last_seen) from observations
        where service_id = ? and batch_first_seen < ? and batch_last_seen >= ? and first_seen < ? and last_seen >= ?
        group by module, syscall, program order by module, syscall, program nulls first""")
        .param(serviceId).param(Timestamp.from(to)).param(Timestamp.from(from)).param(Timestamp.from(to))
        .param(Timestamp.from(from))
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
        select distinct on (module) module, sample_stack::text from observations
        where service_id = ? and batch_first_seen < ? and batch_last_seen >= ? and first_seen < ? and last_seen >= ?
          and sample_stack <> '[]'::jsonb
        order by module, last_seen desc""")
        .param(serviceId).param(Timestamp.from(to)).param(Timestamp.from(from)).param(Timestamp.from(to))
        .param(Timestamp.from(from))
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
