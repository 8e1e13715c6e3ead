package io.capgate.portal.audit.chain;

import io.capgate.portal.CapgatePortalApplication;
import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.audit.AuditEvent.Actor;
import io.capgate.portal.audit.AuditFilter;
import io.capgate.portal.audit.AuditLog;
import io.capgate.portal.security.CapgateUser;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.support.GenericWebApplicationContext;

/**
 * Benchmark, not a test: loads 100,000 audit rows with a valid chain for one organization (COPY,
 * hashed with the real {@link ChainRow} and key), appends more through the real listener, then
 * prints the server-side latency of first, deep and filtered pages (median and p99) and the time of
 * a full verification. Run it with {@code scripts/audit-bench.sh [rows] [runs]}.
 */
public final class AuditPagingBench {

  private static final String[] ACTIONS = {"project.updated", "service.created", "manifest.submitted",
      "manifest.approved", "agent.enrolled"};

  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private final AuditKey key;
  private final AnchorStore anchors;
  private final AuditLog auditLog;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final Clock clock;

  private AuditPagingBench(ConfigurableApplicationContext context) {
    jdbc = context.getBean(JdbcClient.class);
    dataSource = context.getBean(DataSource.class);
    key = context.getBean(AuditKey.class);
    anchors = context.getBean(AnchorStore.class);
    auditLog = context.getBean(AuditLog.class);
    events = context;
    transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    clock = context.getBean(Clock.class);
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    Path dataDir = Files.createTempDirectory("capgate-audit-bench");
    try (var context = new SpringApplicationBuilder(CapgatePortalApplication.class).profiles("test")
        // A mock servlet context, as @SpringBootTest uses: no web server and no Vaadin frontend
        // build; the numbers are the service's own (server-side), without HTTP.
        .contextFactory(ApplicationContextFactory.of(() -> new GenericWebApplicationContext(new MockServletContext())))
        .run("--capgate.portal.data-dir=" + dataDir, "--spring.main.banner-mode=off",
            "--logging.level.root=WARN")) {
      new AuditPagingBench(context).run(rows, runs);
    } finally {
      try (var paths = Files.walk(dataDir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void run(int rows, int runs) throws Exception {
    long org = jdbc.sql("insert into organizations (name) values (?) returning id")
        .param("bench-" + System.nanoTime()).query(Long.class).single();
    var auditor = anAuditor(org);
    System.out.printf("Audit benchmark: %,d rows for organization %d, %d runs per measure%n", rows, org, runs);

    long start = System.nanoTime();
    bulkLoad(org, rows);
    System.out.printf("bulk load (COPY, chained)     %,10.0f ms%n", (System.nanoTime() - start) / 1e6);

    long[] appends = measure(200, () -> {
      transaction.executeWithoutResult(s -> events.publishEvent(new AuditEvent(org, Actor.system("bench"),
          "bench.appended", "bench", "1", Map.of("n", 1), Map.of("n", 2))));
      return null;
    });
    print("append through the listener", appends);

    SecurityContextHolder.getContext().setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(auditor, null, auditor.getAuthorities()));
    print("first page (50, no filter)", measure(runs, () -> auditLog.page(AuditFilter.all(), null, 50)));
    print("keyset page at the middle", measure(runs, () -> auditLog.page(AuditFilter.all(), rows / 2L, 50)));
    print("first page, action prefix", measure(runs,
        () -> auditLog.page(AuditFilter.all().withActionPrefix("manifest.a"), null, 50)));
    print("first page, actor substring", measure(runs,
        () -> auditLog.page(AuditFilter.all().withActor("user-3"), null, 50)));
    print("first page, one object", measure(runs,
        () -> auditLog.page(AuditFilter.all().withObject("project", "p-7"), null, 50)));
    print("first page, rare actor (scan)", measure(runs,
        () -> auditLog.page(AuditFilter.all().withActor("nobody"), null, 50)));
    long[] verify = measure(3, auditLog::verify);
    var result = auditLog.verify();
    print("verify (whole chain)", verify);
    System.out.printf("verify result: %s, %,d rows, anchored seq %,d%n", result.status(), result.rows(),
        result.anchoredSeq());
  }

  /** Rows hashed exactly as the listener would, written with COPY in chunks of 10,000. */
  private void bulkLoad(long org, int rows) throws Exception {
    String prev = ChainRow.GENESIS;
    Instant base = ChainRow.storable(clock.instant().minusSeconds(rows));
    var mac = key.rowMac();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      var copy = connection.unwrap(PGConnection.class).getCopyAPI();
      var csv = new StringBuilder();
      for (int seq = 1; seq <= rows; seq++) {
        var row = aRow(org, seq, base.plusMillis(seq), prev);
        prev = row.hash(mac);
        csv.append(org).append(',').append(seq).append(',').append(AuditAppender.timestamp(row.at())).append(',')
            .append(row.actorUserId()).append(',').append(row.actorName()).append(',').append(row.action())
            .append(',').append(row.objectType()).append(',').append(row.objectId()).append(',')
            .append(quoted(row.before())).append(',').append(quoted(row.after())).append(',')
            .append(row.prevHash()).append(',').append(prev).append('\n');
        if (seq % 1000 == 0) {
          var c = Checkpoint.signed(key, org, seq, prev, row.at());
          connection.createStatement().executeUpdate("insert into audit_checkpoints values (" + org + "," + seq
              + ",'" + prev + "','" + AuditAppender.timestamp(c.at()) + "','" + c.keyId() + "','" + c.signature()
              + "')");
        }
        if (seq % 10_000 == 0 || seq == rows) {
          copy.copyIn("copy audit_log (organization_id, seq, at, actor_user_id, actor_name, action, object_type,"
              + " object_id, before_state, after_state, prev_hash, hash) from stdin with (format csv)",
              new StringReader(csv.toString()));
          csv.setLength(0);
        }
      }
      connection.createStatement().executeUpdate("insert into audit_heads values (" + org + "," + rows + ",'"
          + prev + "')");
      connection.commit();
      connection.createStatement().execute("analyze audit_log");
    }
    anchors.advance(org, rows, prev);
  }

  private static ChainRow aRow(long org, int seq, Instant at, String prev) {
    int user = seq % 7;
    String before = CanonicalJson.of("{\"version\": " + (seq - 1) + ", \"note\": \"change number " + seq + "\"}");
    String after = CanonicalJson.of("{\"version\": " + seq + ", \"note\": \"change number " + seq + "\"}");
    return new ChainRow(org, seq, at, (long) user, "user:user-" + user, ACTIONS[seq % ACTIONS.length], "project",
        "p-" + (seq % 500), before, after, prev);
  }

  private static String quoted(String json) {
    return '"' + json.replace("\"", "\"\"") + '"';
  }

  private CapgateUser anAuditor(long org) {
    long id = jdbc.sql("""
        insert into users (organization_id, username, display_name, password_hash, must_change_password)
        values (?, ?, 'Bench auditor', 'not-a-hash', false) returning id""")
        .params(org, "bench-" + org).query(Long.class).single();
    jdbc.sql("insert into role_grants (user_id, organization_id, role) values (?, ?, 'AUDITOR')").params(id, org)
        .update();
    return new CapgateUser(id, org, "bench-" + org, "Bench auditor", "", true);
  }

  /** Nanoseconds of each run, after as many warm-up runs (at most 10). */
  private static long[] measure(int runs, Supplier<?> action) {
    for (int i = 0; i < Math.min(runs, 10); i++) {
      action.get();
    }
    long[] times = new long[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      action.get();
      times[i] = System.nanoTime() - t;
    }
    Arrays.sort(times);
    return times;
  }

  private static void print(String what, long[] sorted) {
    double median = sorted[sorted.length / 2] / 1e6;
    double p99 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
    System.out.printf("%-30s median %8.2f ms   p99 %8.2f ms   (n=%d)%n", what, median, p99, sorted.length);
  }
}
