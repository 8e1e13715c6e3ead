package io.capgate.portal.projects;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.portal.base.ConflictException;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

@PortalTest
class ProjectServiceIT {

  @Autowired ProjectService projects;
  @Autowired Fixtures fixtures;

  @Test
  void anAdminCreatesAProjectThatOnlyTheirOrganizationSees() {
    long org = fixtures.anOrganization();
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    var stranger = fixtures.aUser(fixtures.anOrganization(), Role.ORG_ADMIN);

    var created = as(admin, () -> projects.create(new ProjectForm("payments", "card flows", 2, false)));

    assertThat(as(admin, () -> projects.get(created.id())).requiredApprovals()).isEqualTo(2);
    assertThat(as(admin, () -> projects.list())).extracting(Project::name).containsExactly("payments");
    assertThat(as(stranger, () -> projects.list())).isEmpty();
    assertThatThrownBy(() -> as(stranger, () -> projects.get(created.id()))).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> as(stranger, () -> projects.update(created.id(),
        new ProjectForm("mine", "", 1, false)))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void onlyAnOrganizationAdminCreatesProjects() {
    long org = fixtures.anOrganization();
    var developer = fixtures.aUser(org, Role.DEVELOPER);

    assertThatThrownBy(() -> as(developer, () -> projects.create(new ProjectForm("x", "", 1, false))))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> projects.create(new ProjectForm("x", "", 1, false)))
        .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
  }

  @Test
  void aProjectGrantShowsThatProjectOnly() {
    long org = fixtures.anOrganization();
    long visible = fixtures.aProject(org);
    fixtures.aProject(org);
    var developer = fixtures.aUser(org);
    fixtures.grant(developer, visible, Role.DEVELOPER);

    assertThat(as(developer, () -> projects.list())).extracting(Project::id).containsExactly(visible);
  }

  @Test
  void duplicateNamesAndBadPoliciesGetClearErrors() {
    long org = fixtures.anOrganization();
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    as(admin, () -> projects.create(new ProjectForm("dup", "", 1, false)));

    assertThatThrownBy(() -> as(admin, () -> projects.create(new ProjectForm("dup", "", 1, false))))
        .isInstanceOf(ConflictException.class).hasMessageContaining("already exists");
    assertThatThrownBy(() -> as(admin, () -> projects.create(new ProjectForm("zero", "", 0, false))))
        .isInstanceOf(ConstraintViolationException.class).hasMessageContaining("requiredApprovals");
  }
}
