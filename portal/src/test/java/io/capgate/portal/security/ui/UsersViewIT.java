package io.capgate.portal.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouteNotFoundError;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.ManagedUser;
import io.capgate.portal.security.ProjectChoice;
import io.capgate.portal.security.Role;
import io.capgate.portal.security.SignedIn;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

@PortalTest
class UsersViewIT extends SpringBrowserlessTest {

  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired PasswordEncoder encoder;

  @AfterEach
  void signOut() {
    SignedIn.signOut();
  }

  @Test
  void anAdminSeesTheUsersOfTheirOrganizationWithTheirRoles() {
    long org = fixtures.anOrganization();
    var admin = signInAdmin(org);
    var developer = fixtures.aUser(org, Role.DEVELOPER);
    var stranger = fixtures.aUser(fixtures.anOrganization(), Role.ORG_ADMIN);

    var view = navigate(UsersView.class);

    assertThat(rows(view)).extracting(ManagedUser::username).contains(admin.username(), developer.username())
        .doesNotContain(stranger.username());
    assertThat(rows(view)).filteredOn(u -> u.id() == developer.id()).singleElement()
        .extracting(ManagedUser::describeGrants).isEqualTo("DEVELOPER on all projects");
  }

  @Test
  void creatingAUserShowsTheirOneTimePasswordOnce() {
    long org = fixtures.anOrganization();
    signInAdmin(org);
    var view = navigate(UsersView.class);
    String username = "grace-" + Fixtures.unique();

    test(view.create).click();
    test($(TextField.class).id("user-username")).setValue(username);
    test($(TextField.class).id("user-display-name")).setValue("Grace Hopper");
    test($(Button.class).id("user-save")).click();

    String password = $(TextField.class).id("user-initial-password").getValue();
    assertThat(encoder.matches(password, hashOf(username))).isTrue();
    assertThat($(NewUserDialog.class).exists()).isFalse();
    assertThat(view.panel.user().username()).isEqualTo(username);
    test($(Button.class).id("user-password-done")).click();
    assertThat($(OneTimePasswordDialog.class).exists()).isFalse();
    assertThat($(TextField.class).withId("user-initial-password").exists()).isFalse();
  }

  @Test
  void aTakenOrMalformedUsernameIsReportedOnTheField() {
    long org = fixtures.anOrganization();
    var admin = signInAdmin(org);
    navigate(UsersView.class);

    test($(Button.class).id("user-create")).click();
    var username = $(TextField.class).id("user-username");
    test(username).setValue(admin.username());
    test($(TextField.class).id("user-display-name")).setValue("Copy");
    test($(Button.class).id("user-save")).click();
    assertThat(username.isInvalid()).isTrue();
    assertThat(username.getErrorMessage()).contains("is taken");

    test(username).setValue("Not Valid!");
    test($(Button.class).id("user-save")).click();
    assertThat(username.getErrorMessage()).contains("lower-case letters");
    assertThat($(NewUserDialog.class).exists()).isTrue();
  }

  @Test
  void anAdminGrantsAProjectRoleAndRevokesIt() {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    signInAdmin(org);
    var user = fixtures.aUser(org);
    var view = navigate(UsersView.class);

    select(view, user);
    test($(Select.class).id("grant-role")).selectItem("DEVELOPER");
    ComboBox<ProjectChoice> projects = $(ComboBox.class).id("grant-project");
    test(projects).selectItem(projects.getListDataView().getItems()
        .filter(p -> p.id() == project).findFirst().orElseThrow().name());
    test($(Button.class).id("grant-save")).click();

    assertThat(fixtures.rolesOf(user)).containsExactly("DEVELOPER");
    assertThat(view.panel.user().holds(Role.DEVELOPER, project)).isTrue();
    test($(Button.class).id("revoke-DEVELOPER-" + project)).click();
    assertThat(fixtures.rolesOf(user)).isEmpty();
  }

  @Test
  void anAdminDisablesEnablesAndResetsAUser() {
    long org = fixtures.anOrganization();
    signInAdmin(org);
    var user = fixtures.aUser(org, Role.REVIEWER);
    var view = navigate(UsersView.class);
    select(view, user);

    test($(Button.class).id("user-toggle-enabled")).click();
    assertThat(enabled(user)).isFalse();
    assertThat(view.panel.toggleEnabled.getText()).isEqualTo("Enable");
    test($(Button.class).id("user-toggle-enabled")).click();
    assertThat(enabled(user)).isTrue();

    test($(Button.class).id("user-reset-password")).click();
    String password = $(TextField.class).id("user-initial-password").getValue();
    assertThat(encoder.matches(password, hashOf(user.username()))).isTrue();
    assertThat(view.panel.status.getText()).contains("must change the password");
  }

  @Test
  void aRefusedChangeIsShownAndChangesNothing() {
    long org = fixtures.anOrganization();
    var admin = signInAdmin(org);
    var view = navigate(UsersView.class);
    select(view, admin);

    test($(Button.class).id("user-toggle-enabled")).click();

    assertThat(enabled(admin)).isTrue();
    assertThat(test($(Notification.class).last()).getText()).contains("your own account");
  }

  @Test
  void anyoneButAnOrganizationAdminFindsNoUsersPage() {
    long org = fixtures.anOrganization();
    for (Role role : new Role[] {Role.AUDITOR, Role.OPERATOR, Role.PROJECT_OWNER, Role.DEVELOPER}) {
      SignedIn.as(fixtures.aUser(org, role));
      UI.getCurrent().navigate("users");
      assertThat(getCurrentView()).as(role.name()).isInstanceOf(RouteNotFoundError.class);
    }
  }

  @Test
  void theProjectParameterShowsThatProjectsUsersAndPreselectsIt() {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    long other = fixtures.aProject(org);
    var admin = signInAdmin(org);
    var member = fixtures.aUser(org);
    fixtures.grant(member, project, Role.DEVELOPER);
    var outsider = fixtures.aUser(org);
    fixtures.grant(outsider, other, Role.DEVELOPER);

    UI.getCurrent().navigate("users", QueryParameters.of("project", Long.toString(project)));
    var view = (UsersView) getCurrentView();

    assertThat(rows(view)).extracting(ManagedUser::username).containsExactly(admin.username(), member.username());
    assertThat(view.panel.grantForm().project.getValue().id()).isEqualTo(project);
    UI.getCurrent().navigate("users", QueryParameters.of("project", "not-a-number"));
    assertThat(getCurrentView()).isInstanceOf(RouteNotFoundError.class);
  }

  private CapgateUser signInAdmin(long org) {
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    SignedIn.as(admin);
    return admin;
  }

  private static List<ManagedUser> rows(UsersView view) {
    return view.grid.getGenericDataView().getItems().toList();
  }

  private void select(UsersView view, CapgateUser user) {
    var row = rows(view).stream().filter(u -> u.id() == user.id()).findFirst().orElseThrow();
    view.grid.select(row);
  }

  private boolean enabled(CapgateUser user) {
    return jdbc.sql("select enabled from users where id = ?").param(user.id()).query(Boolean.class).single();
  }

  private String hashOf(String username) {
    return jdbc.sql("select password_hash from users where username = ?").param(username).query(String.class)
        .single();
  }
}
