package io.capgate.portal.projects.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.capgate.portal.base.ui.BrowserlessPortalTest;
import io.capgate.portal.projects.Project;
import io.capgate.portal.projects.ProjectForm;
import io.capgate.portal.projects.ProjectService;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ProjectsViewIT extends BrowserlessPortalTest {

  @Autowired ProjectService projects;

  @Test
  void anAdminCreatesAProjectAndLandsOnItsPage() {
    long org = fixtures.anOrganization();
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    signIn(admin);
    navigate(ProjectsView.class);

    test(find(Button.class).id("project-create")).click();
    test(find(TextField.class).id("project-name")).setValue("payments");
    test(find(IntegerField.class).id("project-approvals")).setValue(2);
    test(find(Checkbox.class).id("project-separate-activation")).click();
    test(find(Button.class).id("project-save")).click();

    var created = Fixtures.as(admin, () -> projects.list());
    assertThat(created).extracting(Project::name, Project::requiredApprovals, Project::separateActivation)
        .containsExactly(tuple("payments", 2, true));
    assertThat(getCurrentView()).isInstanceOf(ProjectView.class);
    assertThat(find(TextField.class).id("project-name").getValue()).isEqualTo("payments");
  }

  @Test
  void aDuplicateNameIsShownOnTheNameField() {
    long org = fixtures.anOrganization();
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    Fixtures.as(admin, () -> projects.create(new ProjectForm("dup", "", 1, false)));
    signIn(admin);
    navigate(ProjectsView.class);

    test(find(Button.class).id("project-create")).click();
    test(find(TextField.class).id("project-name")).setValue("dup");
    test(find(Button.class).id("project-save")).click();

    var name = find(TextField.class).id("project-name");
    assertThat(name.isInvalid()).isTrue();
    assertThat(name.getErrorMessage()).contains("already exists");
  }

  @Test
  void aDeveloperSeesTheirProjectsButNoCreateButton() {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    var developer = fixtures.aUser(org);
    fixtures.grant(developer, project, Role.DEVELOPER);
    signIn(developer);
    navigate(ProjectsView.class);

    assertThat(find(Button.class).withId("project-create").exists()).isFalse();
    @SuppressWarnings("unchecked")
    Grid<Project> grid = find(Grid.class).id("projects-grid");
    assertThat(test(grid).size()).isEqualTo(1);
    test(grid).clickRow(0);
    assertThat(getCurrentView()).isInstanceOf(ProjectView.class);
    assertThat(find(TextField.class).id("project-name").isReadOnly()).isTrue();
    assertThat(find(Button.class).withId("project-save").exists()).isFalse();
  }
}
