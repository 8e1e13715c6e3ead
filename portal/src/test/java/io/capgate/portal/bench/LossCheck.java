package io.capgate.portal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Zero loss, exactly once: what the database holds for an agent against what its load generator sent, phase by
 * phase (the warm-up, then the measured part), each being observation batches and then violations.
 */
record LossCheck(JdbcClient jdbc, String agentId, int batch) {

  /** What one phase sent: {@code observations} entries in whole batches from {@code first}, then violations. */
  record Phase(long first, long observations, int violations) {

    long batches(int batch) {
      return observations / batch;
    }

    long last(int batch) {
      return first + batches(batch) + violations - 1;
    }
  }

  /** Records, sum of counts (as {@code SyntheticEvents} makes them: 1 + n % 997), sequences, drop reports. */
  void assertComplete(List<Phase> phases, long last) {
    assertThat(jdbc.sql("select stored_through from agent_sequences where agent_id = ?").param(agentId)
        .query(Long.class).single()).as("the agent's stored mark").isEqualTo(last);
    long expectedLast = phases.getFirst().first() - 1;
    long entries = 0;
    long violations = 0;
    for (var phase : phases) {
      assertThat(phase.first()).as("phases follow each other without a gap").isEqualTo(expectedLast + 1);
      assertPhase(phase);
      expectedLast = phase.last(batch);
      entries += phase.observations();
      violations += phase.violations();
    }
    assertThat(expectedLast).as("the last sequence sent").isEqualTo(last);

    long expectedSum = 0;
    for (long n = 0; n < entries; n++) {
      expectedSum += 1 + n % 997;
    }
    assertThat(jdbc.sql("select count(*), coalesce(sum(count), 0) from observations where agent_id = ?")
        .param(agentId).query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single())
        .as("observation rows and the sum of their counts").containsExactly(entries, expectedSum);
    assertThat(jdbc.sql("""
        select count(*) from (select sequence from observations where agent_id = ? group by sequence
        having count(*) <> ?) wrong""").param(agentId).param(batch).query(Long.class).single())
        .as("batches whose entries are not all stored exactly once").isZero();
    assertThat(jdbc.sql("select count(*) from violations where agent_id = ?").param(agentId).query(Long.class)
        .single()).as("violation rows").isEqualTo(violations);
    assertThat(jdbc.sql("select count(*) from drop_reports where agent_id = ?").param(agentId).query(Long.class)
        .single()).as("drop reports").isZero();
  }

  private void assertPhase(Phase phase) {
    long batches = phase.batches(batch);
    assertThat(sequences("observations", phase))
        .as("observations of the phase from %d: rows, distinct/min/max sequence", phase.first())
        .containsExactly(phase.observations(), batches, batches == 0 ? 0 : phase.first(),
            batches == 0 ? 0 : phase.first() + batches - 1);
    assertThat(sequences("violations", phase))
        .as("violations of the phase from %d: rows, distinct/min/max sequence", phase.first())
        .containsExactly((long) phase.violations(), (long) phase.violations(),
            phase.violations() == 0 ? 0 : phase.first() + batches, phase.violations() == 0 ? 0 : phase.last(batch));
  }

  /** Rows, distinct sequences, min and max sequence (0 for none) of {@code table} within the phase's range. */
  private List<Long> sequences(String table, Phase phase) {
    return jdbc.sql("select count(*), count(distinct sequence), min(sequence), max(sequence) from " + table
        + " where agent_id = ? and sequence between ? and ?")
        .param(agentId).param(phase.first()).param(phase.last(batch))
        .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).single();
  }
}
