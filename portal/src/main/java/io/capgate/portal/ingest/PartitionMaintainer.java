package io.capgate.portal.ingest;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the monthly partitions of {@code observation_batches} and {@code violations}: the current month and
 * {@code capgate.ingest.partitions-ahead} months after it exist, and months that ended more than
 * {@code capgate.ingest.retention-months} months before the current one are dropped (0 keeps everything). Runs at
 * start and every few hours; creating and dropping are idempotent, so several portals may run it.
 */
@Component
class PartitionMaintainer {

  static final List<String> TABLES = List.of("observation_batches", "violations");
  /** Storage parameters of a table's partitions (V9 says why batch rows stay inline up to 8160 bytes). */
  private static final Map<String, String> STORAGE =
      Map.of("observation_batches", " with (toast_tuple_target = 8160)");
  private static final Logger log = LoggerFactory.getLogger(PartitionMaintainer.class);
  private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyy_MM");

  private final JdbcClient jdbc;
  private final Clock clock;
  private final int monthsAhead;
  private final int retentionMonths;

  PartitionMaintainer(JdbcClient jdbc, Clock clock, @Value("${capgate.ingest.partitions-ahead:3}") int monthsAhead,
      @Value("${capgate.ingest.retention-months:13}") int retentionMonths) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.monthsAhead = monthsAhead;
    this.retentionMonths = retentionMonths;
  }

  @Scheduled(initialDelay = 0, fixedDelayString = "${capgate.ingest.partition-check:PT6H}")
  void run() {
    try {
      maintain();
    } catch (RuntimeException e) {
      // A month's rows may already sit in the default partition (an agent clock far ahead): keep running.
      log.warn("Maintaining partitions failed: {}", e.toString());
    }
  }

  /** Creates missing months and drops expired ones; returns the names of the partitions dropped. */
  List<String> maintain() {
    YearMonth current = YearMonth.now(clock.withZone(ZoneOffset.UTC));
    var dropped = new ArrayList<String>();
    for (String table : TABLES) {
      for (int i = 0; i <= monthsAhead; i++) {
        create(table, current.plusMonths(i));
      }
      if (retentionMonths > 0) {
        dropped.addAll(dropBefore(table, current.minusMonths(retentionMonths)));
      }
    }
    return dropped;
  }

  /** The monthly partitions of a table, by name. */
  List<String> partitions(String table) {
    return jdbc.sql("""
        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
        join pg_class p on p.oid = i.inhparent where p.relname = ? and c.relname ~ '_[0-9]{4}_[0-9]{2}$'
        order by c.relname""").param(table).query(String.class).list();
  }

  private void create(String table, YearMonth month) {
    LocalDate start = month.atDay(1);
    jdbc.sql("create table if not exists " + table + "_" + month.format(SUFFIX) + " partition of " + table
        + " for values from ('" + start + " 00:00:00+00') to ('" + start.plusMonths(1) + " 00:00:00+00')"
        + STORAGE.getOrDefault(table, "")).update();
  }

  private List<String> dropBefore(String table, YearMonth oldestKept) {
    var dropped = new ArrayList<String>();
    for (String name : partitions(table)) {
      var month = YearMonth.parse(name.substring(name.length() - 7), SUFFIX);
      if (month.isBefore(oldestKept)) {
        jdbc.sql("drop table if exists " + name).update();
        log.info("Dropped partition {} (older than {} months)", name, retentionMonths);
        dropped.add(name);
      }
    }
    return dropped;
  }
}
