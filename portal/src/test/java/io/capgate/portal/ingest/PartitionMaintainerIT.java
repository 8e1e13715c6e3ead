package io.capgate.portal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.portal.testing.PortalTest;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Monthly partitions: the current month exists, upcoming ones are created and expired ones dropped. */
@PortalTest
class PartitionMaintainerIT {

  private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyy_MM");

  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;
  @Autowired PartitionMaintainer maintainer;

  @Test
  void theCurrentMonthAndTheNextOnesExist() {
    var current = YearMonth.now(clock.withZone(ZoneOffset.UTC));
    for (String table : PartitionMaintainer.TABLES) {
      assertThat(maintainer.partitions(table)).contains(table + "_" + current.format(SUFFIX),
          table + "_" + current.plusMonths(3).format(SUFFIX));
    }
  }

  @Test
  void aMovedClockCreatesItsMonthsAndDropsThoseOlderThanTheRetention() {
    // Months far in the past and the future, so the partitions other tests write into are never touched.
    var past = new PartitionMaintainer(jdbc, at("2019-03-15T10:00:00Z"), 2, 13);
    past.maintain();
    assertThat(maintainer.partitions("observation_batches")).contains("observation_batches_2019_03",
        "observation_batches_2019_05");
    assertThat(jdbc.sql("select array_to_string(reloptions, ',') from pg_class where relname = ?")
        .param("observation_batches_2019_05").query(String.class).single())
        .as("batch rows stay inline up to a page (V9)").isEqualTo("toast_tuple_target=8160");

    var later = new PartitionMaintainer(jdbc, at("2020-05-02T00:00:00Z"), 1, 13);
    var dropped = later.maintain();

    assertThat(dropped).containsExactlyInAnyOrder("observation_batches_2019_03", "violations_2019_03");
    assertThat(maintainer.partitions("violations")).doesNotContain("violations_2019_03")
        .contains("violations_2019_04", "violations_2019_05", "violations_2020_05", "violations_2020_06");
    var none = new PartitionMaintainer(jdbc, at("2020-05-02T00:00:00Z"), 1, 0);
    assertThat(none.maintain()).isEmpty();
  }

  @AfterEach
  void dropTheTestMonths() {
    for (String table : PartitionMaintainer.TABLES) {
      maintainer.partitions(table).stream().filter(name -> name.contains("_2019_") || name.contains("_2020_"))
          .forEach(name -> jdbc.sql("drop table " + name).update());
    }
  }

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }
}
