package io.capgate.portal.services.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import io.capgate.portal.base.ui.BrowserlessPortalTest;
import io.capgate.portal.projects.ui.ProjectView;
import io.capgate.portal.security.Role;
import io.capgate.portal.services.RegisteredService;
import io.capgate.portal.services.ServiceRegistry;
import io.capgate.portal.testing.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ProjectServicesSectionIT extends BrowserlessPortalTest {

  @Autowired ServiceRegistry registry;

  @Test
  void anOwnerRegistersAServiceOnTheProjectPage() {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    var owner = fixtures.aUser(org);
    fixtures.grant(owner, project, Role.PROJECT_OWNER);
    signIn(owner);
    navigate(ProjectView.class, Map.of("projectId", Long.toString(project)));

    test(find(Button.class).id("service-register")).click();
    test(find(TextField.class).id("service-name")).setValue("payments-worker");
    test(find(TextField.class).id("service-executable")).setValue("/usr/bin/python3.11");
    test(find(Button.class).id("service-save")).click();

    assertThat(Fixtures.as(owner, () -> registry.list(project))).extracting(RegisteredService::name)
        .containsExactly("payments-worker");
    @SuppressWarnings("unchecked")
    Grid<RegisteredService> grid = find(Grid.class).id("services-grid");
    assertThat(test(grid).size()).isEqualTo(1);
    assertThat(find(Button.class).withId("service-save").exists()).isFalse();
  }

  @Test
  void theServersRefusalIsShownOnTheField() {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    signIn(admin);
    navigate(ProjectView.class, Map.of("projectId", Long.toString(project)));
    test(find(Button.class).id("service-register")).click();
    test(find(TextField.class).id("service-name")).setValue("twice");
    test(find(TextField.class).id("service-executable")).setValue("/usr/bin/python3.11");
    test(find(Button.class).id("service-save")).click();

    test(find(Button.class).id("service-register")).click();
    test(find(TextField.class).id("service-name")).setValue("twice");
    test(find(TextField.class).id("service-executable")).setValue("/usr/bin/python3.11");
    test(find(Button.class).id("service-save")).click();

    var name = find(TextField.class).id("service-name");
    assertThat(name.isInvalid()).isTrue();
    assertThat(name.getErrorMessage()).contains("already has a service named 'twice'");
  }

  @Test
  void aReviewerSeesServicesButCannotRegister() {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    fixtures.aService(project);
    var reviewer = fixtures.aUser(org);
    fixtures.grant(reviewer, project, Role.REVIEWER);
    signIn(reviewer);
    navigate(ProjectView.class, Map.of("projectId", Long.toString(project)));

    assertThat(find(Button.class).withId("service-register").exists()).isFalse();
    @SuppressWarnings("unchecked")
    Grid<RegisteredService> grid = find(Grid.class).id("services-grid");
    assertThat(test(grid).size()).isEqualTo(1);
  }
}
