package io.capgate.portal.audit.chain;

import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.audit.AuditEvent.Actor;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Publishes audit events like a feature would, and tampers with the log like a database superuser. */
@TestComponent
class AuditTestSupport {

  @Autowired ApplicationEventPublisher events;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;

  /** n events in one transaction, each changing "count" of object project/p1 from i-1 to i. */
  void publish(long organizationId, int n) {
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      for (int i = 1; i <= n; i++) {
        events.publishEvent(anEvent(organizationId, i));
      }
    });
  }

  static AuditEvent anEvent(long organizationId, int i) {
    return new AuditEvent(organizationId, Actor.user(7, "alice"), "project.updated", "project", "p1",
        Map.of("count", i - 1, "name", "payments"), Map.of("count", i, "name", "payments"));
  }

  /**
   * Runs statements with triggers switched off for this transaction only, as a superuser could:
   * detection must not rely on the append-only triggers.
   */
  void tamper(String... statements) {
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      jdbc.sql("set local session_replication_role = replica").update();
      for (String sql : statements) {
        jdbc.sql(sql).update();
      }
    });
  }
}
