package io.capgate.portal.testing;

import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestFixtures;
import io.capgate.model.manifest.ManifestWriter;
import io.capgate.model.manifest.ModulePolicy;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Fixture factories for portal tests: each test makes its own organization, users with roles,
 * projects and services straight in the database, and runs code as one of its users.
 */
@TestComponent
public class Fixtures {

  /** Password of every user these fixtures create. */
  public static final String PASSWORD = "correct horse battery staple";
  private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

  private final JdbcClient jdbc;
  private final PasswordEncoder encoder;
  private String passwordHash;
  private SecurityContextHolderStrategy securityContexts;

  Fixtures(JdbcClient jdbc, PasswordEncoder encoder) {
    this.jdbc = jdbc;
    this.encoder = encoder;
  }

  /** A unique suffix for names. */
  public static long unique() {
    return SEQUENCE.incrementAndGet();
  }

  public long anOrganization() {
    return jdbc.sql("insert into organizations (name) values (?) returning id").param("org-" + unique())
        .query(Long.class).single();
  }

  /** A user of the organization holding the roles organization-wide (must_change_password off). */
  public CapgateUser aUser(long organizationId, Role... organizationRoles) {
    String username = "user-" + unique();
    if (passwordHash == null) {
      passwordHash = encoder.encode(PASSWORD);
    }
    long id = jdbc.sql("""
        insert into users (organization_id, username, display_name, password_hash, must_change_password)
        values (?, ?, ?, ?, false) returning id""")
        .params(organizationId, username, "User " + username, passwordHash).query(Long.class).single();
    for (Role role : organizationRoles) {
      grant(id, organizationId, null, role);
    }
    return new CapgateUser(id, organizationId, username, "User " + username, "", true);
  }

  /** Grants a role on one project (or organization-wide when projectId is null). */
  public void grant(CapgateUser user, Long projectId, Role role) {
    grant(user.id(), user.organizationId(), projectId, role);
  }

  private void grant(long userId, long organizationId, Long projectId, Role role) {
    jdbc.sql("insert into role_grants (user_id, organization_id, project_id, role) values (?, ?, ?, ?)")
        .params(userId, organizationId, projectId, role.name()).update();
  }

  public long aProject(long organizationId) {
    return aProject(organizationId, 1, false);
  }

  public long aProject(long organizationId, int requiredApprovals, boolean separateActivation) {
    return jdbc.sql("""
        insert into projects (organization_id, name, required_approvals, separate_activation)
        values (?, ?, ?, ?) returning id""")
        .params(organizationId, "project-" + unique(), requiredApprovals, separateActivation)
        .query(Long.class).single();
  }

  public long aService(long projectId) {
    return jdbc.sql("""
        insert into services (project_id, name, match_executable) values (?, ?, '/usr/bin/python3.11')
        returning id""")
        .params(projectId, "service-" + unique()).query(Long.class).single();
  }

  /** The canonical YAML of shared-model's {@code ManifestFixtures.aManifest()} (fastapi-demo, three modules). */
  public static String aManifestYaml() {
    return ManifestFixtures.A_MANIFEST_YAML;
  }

  /** A manifest's canonical YAML. */
  public static String aManifestYaml(Manifest manifest) {
    return ManifestWriter.toYaml(manifest);
  }

  /**
   * {@link #aManifestYaml()} with capability groups added to one module (added when the manifest
   * has no such module), e.g. {@code aManifestYamlWith("app.main", "proc.spawn")}.
   */
  public static String aManifestYamlWith(String module, String... capabilities) {
    var manifest = ManifestFixtures.aManifest();
    var policy = manifest.module(module);
    var groups = new TreeSet<>(policy.capabilities());
    groups.addAll(List.of(capabilities));
    return aManifestYaml(manifest.withModule(module, new ModulePolicy(groups, policy.syscalls(), policy.exec())));
  }

  @Autowired
  void securityContexts(SecurityContextHolderStrategy securityContexts) {
    this.securityContexts = securityContexts;
  }

  /**
   * Makes {@link #as} sign users in where this context's method security looks; call it first in
   * {@code @BeforeEach}. Vaadin gives every application context its own SecurityContextHolderStrategy
   * (with its own thread-local) and makes the newest one global, so once a test class with another
   * configuration has started its context (LoginPageIT's web server), the shared {@code @PortalTest}
   * context would no longer see whom {@code as} signed in.
   */
  public void useThisContextsSecurity() {
    SecurityContextHolder.setContextHolderStrategy(securityContexts);
  }

  /** Runs code with the user signed in, and signs them out after. */
  public static <T> T as(CapgateUser user, Supplier<T> action) {
    var context = SecurityContextHolder.getContext();
    var previous = context.getAuthentication();
    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    try {
      return action.get();
    } finally {
      context.setAuthentication(previous);
    }
  }

  public static void as(CapgateUser user, Runnable action) {
    as(user, () -> {
      action.run();
      return null;
    });
  }

  /** All role names a user holds, for assertions. */
  public List<String> rolesOf(CapgateUser user) {
    return jdbc.sql("select role from role_grants where user_id = ? order by role").param(user.id())
        .query(String.class).list();
  }
}
