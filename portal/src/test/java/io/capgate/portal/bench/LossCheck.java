package io.capgate.portal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Zero loss, exactly once: what the database holds for an agent against what its load generator sent. */
record LossCheck(JdbcClient jdbc, String agentId) {

  /** Number of records, sum of counts (as {@code SyntheticEvents} makes them: 1 + n % 997), sequences. */
  void assertComplete(long observations, int violations, int batch, long first, long batches, long last) {
    assertThat(last - first + 1).as("records the agent sent").isEqualTo(batches + violations);
    assertThat(jdbc.sql("select stored_through from agent_sequences where agent_id = ?").param(agentId)
        .query(Long.class).single()).as("the agent's stored mark").isEqualTo(last);

    var obs = jdbc.sql("""
        select count(*), coalesce(sum(count), 0), count(distinct sequence), min(sequence), max(sequence)
        from observations where agent_id = ?""").param(agentId)
        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)})
        .single();
    long expectedSum = 0;
    for (long n = 0; n < observations; n++) {
      expectedSum += 1 + n % 997;
    }
    assertThat(obs).as("observations: rows, sum of counts, distinct/min/max sequence")
        .containsExactly(observations, expectedSum, batches, first, first + batches - 1);
    assertThat(jdbc.sql("""
        select count(*) from (select sequence from observations where agent_id = ? group by sequence
        having count(*) <> ?) wrong""").param(agentId).param(batch).query(Long.class).single())
        .as("batches whose entries are not all stored exactly once").isZero();

    var vio = jdbc.sql("""
        select count(*), count(distinct sequence), min(sequence), max(sequence) from violations where agent_id = ?""")
        .param(agentId).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
        .single();
    assertThat(vio).as("violations: rows, distinct/min/max sequence")
        .containsExactly(violations, violations, first + batches, last);
    assertThat(jdbc.sql("select count(*) from drop_reports where agent_id = ?").param(agentId).query(Long.class)
        .single()).as("drop reports").isZero();
  }
}
