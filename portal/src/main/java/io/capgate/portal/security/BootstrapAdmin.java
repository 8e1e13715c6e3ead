package io.capgate.portal.security;

import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.audit.AuditEvent.Actor;
import java.io.PrintStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First start: creates the organization and its admin. The password comes from
 * {@code CAPGATE_ADMIN_PASSWORD} or is generated and printed once on the console (never to the
 * log, which may be shipped elsewhere). Either way the admin must change it at first login.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

  private final JdbcClient jdbc;
  private final PasswordEncoder encoder;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;
  private final String organizationName;
  private final String adminPassword;
  private final PrintStream console;

  BootstrapAdmin(JdbcClient jdbc, PasswordEncoder encoder, ApplicationEventPublisher events,
      TransactionTemplate transactions,
      @Value("${capgate.bootstrap.organization:Default}") String organizationName,
      @Value("${CAPGATE_ADMIN_PASSWORD:}") String adminPassword) {
    this.jdbc = jdbc;
    this.encoder = encoder;
    this.events = events;
    this.transactions = transactions;
    this.organizationName = organizationName;
    this.adminPassword = adminPassword;
    this.console = System.out;
  }

  @Override
  public void run(ApplicationArguments args) {
    transactions.executeWithoutResult(status -> bootstrapIfEmpty());
  }

  private void bootstrapIfEmpty() {
    // Serializes concurrent first starts against the same database.
    jdbc.sql("lock table organizations in exclusive mode").update();
    if (jdbc.sql("select count(*) from organizations").query(Long.class).single() > 0) {
      return;
    }
    boolean generated = adminPassword.isBlank();
    String password = generated ? OneTimePasswords.generate() : adminPassword;
    if (!generated) {
      UserAccounts.checkStrength(password, "admin");
    }
    long organization = jdbc.sql("insert into organizations (name) values (?) returning id")
        .param(organizationName).query(Long.class).single();
    long admin = jdbc.sql("""
        insert into users (organization_id, username, display_name, password_hash, must_change_password)
        values (?, 'admin', 'Administrator', ?, true) returning id""")
        .param(organization).param(encoder.encode(password)).query(Long.class).single();
    jdbc.sql("insert into role_grants (user_id, organization_id, role) values (?, ?, 'ORG_ADMIN')")
        .param(admin).param(organization).update();
    var system = Actor.system("bootstrap");
    events.publishEvent(new AuditEvent(organization, system, "organization.created", "organization",
        Long.toString(organization), Map.of(), Map.of("name", organizationName)));
    events.publishEvent(new AuditEvent(organization, system, "user.created", "user", Long.toString(admin),
        Map.of(), Map.of("username", "admin", "roles", "ORG_ADMIN")));
    log.info("Created organization '{}' with user 'admin' (must change the password at first login)",
        organizationName);
    if (generated) {
      console.printf("%n=== Capgate first start: user 'admin', password '%s' (shown once; change it at first login) ===%n%n",
          password);
    }
  }
}
