package io.capgate.portal.security;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.portal.projects.ProjectForm;
import io.capgate.portal.projects.ProjectService;
import io.capgate.portal.services.ServiceForm;
import io.capgate.portal.services.ServiceRegistry;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * What each role may do with projects, services and users of its own organization. Organization
 * roles are granted organization-wide, project roles on the project under test. Whatever is not
 * allowed must be refused with AccessDeniedException (the project exists for every role here).
 */
@PortalTest
class RolesMatrixIT {

  private static final Set<String> READ_PROJECT = Set.of("projects.list", "projects.get", "services.list",
      "services.get");
  private static final Map<Role, Set<String>> ALLOWED = new EnumMap<>(Role.class);

  static {
    ALLOWED.put(Role.ORG_ADMIN, Set.of("projects.list", "projects.get", "projects.create", "projects.update",
        "services.list", "services.get", "services.register", "services.update", "users.list",
        "users.listForProject", "users.create", "users.disable", "users.resetPassword", "users.grantAuditor",
        "users.grantReviewerOnProject", "users.grantOwnerOnProject"));
    ALLOWED.put(Role.OPERATOR, READ_PROJECT);
    ALLOWED.put(Role.AUDITOR, union(READ_PROJECT, "users.list", "users.listForProject"));
    ALLOWED.put(Role.PROJECT_OWNER, union(READ_PROJECT, "projects.update", "services.register", "services.update",
        "users.listForProject", "users.grantReviewerOnProject"));
    ALLOWED.put(Role.DEVELOPER, READ_PROJECT);
    ALLOWED.put(Role.REVIEWER, READ_PROJECT);
  }

  @Autowired ProjectService projects;
  @Autowired ServiceRegistry services;
  @Autowired UserAdmin users;
  @Autowired Fixtures fixtures;

  @ParameterizedTest
  @EnumSource(Role.class)
  void eachRoleMayDoWhatTheTableSaysAndIsRefusedTheRest(Role role) {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    long service = fixtures.aService(project);
    var target = fixtures.aUser(org, Role.DEVELOPER);
    CapgateUser actor;
    if (role.organizationWide()) {
      actor = fixtures.aUser(org, role);
    } else {
      actor = fixtures.aUser(org);
      fixtures.grant(actor, project, role);
    }

    var operations = new LinkedHashMap<String, Runnable>();
    operations.put("projects.list", () -> assertThat(projects.list()).isNotEmpty());
    operations.put("projects.get", () -> projects.get(project));
    operations.put("projects.create", () -> projects.create(new ProjectForm("p-" + Fixtures.unique(), "", 1, false)));
    operations.put("projects.update", () -> projects.update(project,
        new ProjectForm("renamed-" + Fixtures.unique(), "", 2, false)));
    operations.put("services.list", () -> assertThat(services.list(project)).isNotEmpty());
    operations.put("services.get", () -> services.get(service));
    operations.put("services.register", () -> services.register(project, aServiceForm()));
    operations.put("services.update", () -> services.update(service, aServiceForm()));
    operations.put("users.list", () -> users.list());
    operations.put("users.listForProject", () -> users.listForProject(project));
    operations.put("users.create", () -> users.create(new NewUser("u-" + Fixtures.unique(), "New")));
    operations.put("users.disable", () -> users.disable(target.id()));
    operations.put("users.resetPassword", () -> users.resetPassword(target.id()));
    operations.put("users.grantAuditor", () -> users.grant(target.id(), Role.AUDITOR, null));
    operations.put("users.grantReviewerOnProject", () -> users.grant(target.id(), Role.REVIEWER, project));
    operations.put("users.grantOwnerOnProject", () -> users.grant(target.id(), Role.PROJECT_OWNER, project));

    Set<String> allowed = new TreeSet<>();
    Set<String> refused = new TreeSet<>();
    operations.forEach((name, operation) -> {
      try {
        as(actor, operation);
        allowed.add(name);
      } catch (AccessDeniedException e) {
        refused.add(name);
      }
    });

    assertThat(allowed).as("allowed for " + role).containsExactlyInAnyOrderElementsOf(ALLOWED.get(role));
    assertThat(refused).as("refused for " + role).doesNotContainAnyElementsOf(ALLOWED.get(role))
        .hasSize(operations.size() - ALLOWED.get(role).size());
  }

  private static ServiceForm aServiceForm() {
    return new ServiceForm("svc-" + Fixtures.unique(), "", null, "", "cpython-3.11", "/usr/bin/python3.11", null,
        null);
  }

  private static Set<String> union(Set<String> base, String... more) {
    var all = new TreeSet<>(base);
    all.addAll(Set.of(more));
    return all;
  }
}
