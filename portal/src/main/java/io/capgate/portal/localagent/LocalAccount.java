package io.capgate.portal.localagent;

import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.audit.AuditEvent.Actor;
import io.capgate.portal.security.CapgateUser;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account the first-run setup acts as, and the sample project it owns. Like the bootstrap admin this is
 * created with SQL (creating a project otherwise needs an ORG_ADMIN at the keyboard); everything after it goes
 * through the features' services as this account, so roles, validation and the audit log apply as for a person.
 *
 * <p>The account {@value #USERNAME} is disabled and its password is the hash of a random secret nobody keeps: it
 * can never sign in. It holds OPERATOR in the organization (create enrollment tokens, assign services) and
 * PROJECT_OWNER of the sample project (register the sample service) — nothing else.
 */
@Component
class LocalAccount {

  static final String USERNAME = "local-agent";
  private static final Actor FIRST_RUN = Actor.system("first-run");

  private final JdbcClient jdbc;
  private final PasswordEncoder encoder;
  private final ApplicationEventPublisher events;
  private final SecureRandom random = new SecureRandom();

  LocalAccount(JdbcClient jdbc, PasswordEncoder encoder, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.encoder = encoder;
    this.events = events;
  }

  /** The account and the sample project, created when missing; empty before the bootstrap made an organization. */
  @Transactional
  Optional<Setup> ensure(String projectName) {
    Optional<Long> organization = jdbc.sql("select id from organizations order by id limit 1")
        .query(Long.class).optional();
    if (organization.isEmpty()) {
      return Optional.empty();
    }
    long org = organization.get();
    long user = userId(org);
    long project = projectId(org, projectName);
    grant(user, org, null, "OPERATOR");
    grant(user, org, project, "PROJECT_OWNER");
    var account = new CapgateUser(user, org, USERNAME, "Local agent setup", "", false);
    return Optional.of(new Setup(account, project));
  }

  /** The account to run as and the sample project's id. */
  record Setup(CapgateUser account, long projectId) {}

  private long userId(long org) {
    return jdbc.sql("select id from users where username = ?").param(USERNAME).query(Long.class).optional()
        .orElseGet(() -> {
          long id = jdbc.sql("""
              insert into users (organization_id, username, display_name, password_hash, must_change_password,
                                 enabled)
              values (?, ?, 'Local agent setup', ?, false, false) returning id""")
              .params(org, USERNAME, encoder.encode(unusableSecret())).query(Long.class).single();
          events.publishEvent(new AuditEvent(org, FIRST_RUN, "user.created", "user", Long.toString(id), Map.of(),
              Map.of("username", USERNAME, "roles", "OPERATOR", "enabled", "false")));
          return id;
        });
  }

  private long projectId(long org, String name) {
    return jdbc.sql("select id from projects where organization_id = ? and name = ?").params(org, name)
        .query(Long.class).optional()
        .orElseGet(() -> {
          long id = jdbc.sql("""
              insert into projects (organization_id, name, description, required_approvals, separate_activation)
              values (?, ?, 'The sample FastAPI service the local agent observes on this machine', 1, false)
              returning id""")
              .params(org, name).query(Long.class).single();
          events.publishEvent(new AuditEvent(org, FIRST_RUN, "project.created", "project", Long.toString(id),
              Map.of(), Map.of("name", name)));
          return id;
        });
  }

  private void grant(long user, long org, Long project, String role) {
    jdbc.sql("""
        insert into role_grants (user_id, organization_id, project_id, role) values (?, ?, ?, ?)
        on conflict do nothing""")
        .params(user, org, project, role).update();
  }

  private String unusableSecret() {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return Base64.getEncoder().encodeToString(secret);
  }
}
