package io.capgate.portal.security;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouteNotFoundError;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.projects.Project;
import io.capgate.portal.projects.ProjectForm;
import io.capgate.portal.projects.ProjectService;
import io.capgate.portal.security.ui.UsersView;
import io.capgate.portal.services.ServiceForm;
import io.capgate.portal.services.ServiceRegistry;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A user of organization B meets organization A's users, projects and services only as "not
 * found", by id, through every service and the users view, whatever B-role they hold.
 */
@PortalTest
class TenantIsolationIT extends SpringBrowserlessTest {

  @Autowired UserAdmin users;
  @Autowired ProjectService projects;
  @Autowired ServiceRegistry services;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;

  /** An organization with an admin, a developer on its project, and a service in that project. */
  record Tenant(long org, CapgateUser admin, CapgateUser member, long project, long service) {}

  @AfterEach
  void signOut() {
    SignedIn.signOut();
  }

  @Test
  void anotherOrganizationsUsersCannotBeSeenOrChanged() {
    var a = aTenant();
    var b = aTenant();
    String hashBefore = hashOf(a.member());

    assertThat(as(b.admin(), () -> users.list())).extracting(ManagedUser::id)
        .doesNotContain(a.admin().id(), a.member().id());
    long target = a.member().id();
    assertNotFound(b.admin(), () -> users.disable(target));
    assertNotFound(b.admin(), () -> users.enable(target));
    assertNotFound(b.admin(), () -> users.resetPassword(target));
    assertNotFound(b.admin(), () -> users.grant(target, Role.AUDITOR, null));
    assertNotFound(b.admin(), () -> users.grant(target, Role.REVIEWER, b.project()));
    assertNotFound(b.admin(), () -> users.revoke(target, Role.DEVELOPER, a.project()));

    assertThat(fixtures.rolesOf(a.member())).containsExactly("DEVELOPER");
    assertThat(hashOf(a.member())).isEqualTo(hashBefore);
    assertThat(jdbc.sql("select enabled from users where id = ?").param(target).query(Boolean.class).single())
        .isTrue();
  }

  @Test
  void anotherOrganizationsProjectsAndServicesAreNotFoundById() {
    var a = aTenant();
    var b = aTenant();
    var admin = b.admin();

    assertThat(as(admin, () -> projects.list())).extracting(Project::id).containsExactly(b.project());
    assertNotFound(admin, () -> projects.get(a.project()));
    assertNotFound(admin, () -> projects.update(a.project(), new ProjectForm("taken-over", "", 1, false)));
    assertNotFound(admin, () -> services.list(a.project()));
    assertNotFound(admin, () -> services.get(a.service()));
    assertNotFound(admin, () -> services.register(a.project(), aServiceForm()));
    assertNotFound(admin, () -> services.update(a.service(), aServiceForm()));
    assertNotFound(admin, () -> users.listForProject(a.project()));
    assertNotFound(b.member(), () -> projects.get(a.project()));
    assertNotFound(b.member(), () -> services.get(a.service()));
  }

  @Test
  void rolesCannotBeGrantedOnAnotherOrganizationsProject() {
    var a = aTenant();
    var b = aTenant();
    var owner = fixtures.aUser(b.org());
    fixtures.grant(owner, b.project(), Role.PROJECT_OWNER);

    assertNotFound(b.admin(), () -> users.grant(b.member().id(), Role.REVIEWER, a.project()));
    assertNotFound(owner, () -> users.grant(b.member().id(), Role.DEVELOPER, a.project()));
    assertNotFound(b.admin(), () -> users.revoke(a.member().id(), Role.DEVELOPER, a.project()));

    assertThat(jdbc.sql("select count(*) from role_grants where project_id = ?").param(a.project())
        .query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void anAuditorOfAnotherOrganizationReadsNothingOfIt() {
    var a = aTenant();
    var auditor = fixtures.aUser(aTenant().org(), Role.AUDITOR);

    assertThat(as(auditor, () -> users.list())).extracting(ManagedUser::id).doesNotContain(a.member().id());
    assertNotFound(auditor, () -> projects.get(a.project()));
    assertNotFound(auditor, () -> services.get(a.service()));
    assertNotFound(auditor, () -> users.listForProject(a.project()));
  }

  @Test
  void theUsersViewOfAnotherOrganizationsProjectIsNotFound() {
    var a = aTenant();
    var b = aTenant();
    SignedIn.as(b.admin());

    UI.getCurrent().navigate("users", QueryParameters.of("project", Long.toString(a.project())));
    assertThat(getCurrentView()).isInstanceOf(RouteNotFoundError.class);

    UI.getCurrent().navigate("users", QueryParameters.of("project", Long.toString(b.project())));
    assertThat(getCurrentView()).isInstanceOf(UsersView.class);
  }

  private Tenant aTenant() {
    long org = fixtures.anOrganization();
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    long project = fixtures.aProject(org);
    var member = fixtures.aUser(org);
    fixtures.grant(member, project, Role.DEVELOPER);
    return new Tenant(org, admin, member, project, fixtures.aService(project));
  }

  private static ServiceForm aServiceForm() {
    return new ServiceForm("svc-" + Fixtures.unique(), "", null, "", "cpython-3.11", "/usr/bin/python3.11", null,
        null);
  }

  private static void assertNotFound(CapgateUser user, Supplier<?> call) {
    assertThatThrownBy(() -> as(user, call)).isInstanceOf(NotFoundException.class);
  }

  private String hashOf(CapgateUser user) {
    return jdbc.sql("select password_hash from users where id = ?").param(user.id()).query(String.class).single();
  }
}
