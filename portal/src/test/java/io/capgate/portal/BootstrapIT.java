package io.capgate.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.PasswordField;
import io.capgate.portal.projects.ui.ProjectsView;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.security.SignedIn;
import io.capgate.portal.security.ui.ChangePasswordView;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

@PortalTest
class BootstrapIT extends SpringBrowserlessTest {

  private static final String NEW_PASSWORD = "a much longer passphrase of mine";

  @Autowired JdbcClient jdbc;
  @Autowired Fixtures fixtures;
  @Autowired PasswordEncoder encoder;

  @AfterEach
  void signOut() {
    SignedIn.signOut();
  }

  @Test
  void firstStartCreatesAnOrganizationAndAnAdminWhoMustChangeTheirPassword() {
    var admin = jdbc.sql("""
        select u.must_change_password, g.role, u.password_hash from users u join role_grants g on g.user_id = u.id
        where u.username = 'admin'""").query().singleRow();

    assertThat(admin.get("must_change_password")).isEqualTo(true);
    assertThat(admin.get("role")).isEqualTo("ORG_ADMIN");
    assertThat((String) admin.get("password_hash")).startsWith("{argon2}");
    // From CAPGATE_ADMIN_PASSWORD in application-test.properties.
    assertThat(encoder.matches("first-start-password-for-tests", (String) admin.get("password_hash"))).isTrue();
  }

  @Test
  void aUserWithAFirstPasswordIsSentToChangeItAndChangingItLetsThemIn() {
    var user = aUserWhoMustChangeTheirPassword();

    navigate("projects", ChangePasswordView.class);
    changePassword(Fixtures.PASSWORD, NEW_PASSWORD, NEW_PASSWORD);

    assertThat(mustChange(user)).isFalse();
    assertThat(encoder.matches(NEW_PASSWORD, hashOf(user))).isTrue();
    assertThat(getCurrentView()).isInstanceOf(ProjectsView.class);
    assertThat(navigate(ProjectsView.class)).isNotNull();
  }

  @Test
  void thePasswordPolicySaysWhatIsWrongAndKeepsTheFlag() {
    var user = aUserWhoMustChangeTheirPassword();
    navigate("projects", ChangePasswordView.class);

    assertThat(errorFor(Fixtures.PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!", "repeat-password"))
        .isEqualTo("The two new passwords differ");
    assertThat(errorFor(Fixtures.PASSWORD, "too short", "too short", "new-password"))
        .isEqualTo("A password needs at least 12 characters");
    String withName = "my name is " + user.username();
    assertThat(errorFor(Fixtures.PASSWORD, withName, withName, "new-password"))
        .isEqualTo("A password must not contain the username");
    assertThat(errorFor(Fixtures.PASSWORD, Fixtures.PASSWORD, Fixtures.PASSWORD, "new-password"))
        .isEqualTo("The new password must differ from the current one");
    assertThat(errorFor("wrong current password", NEW_PASSWORD, NEW_PASSWORD, "current-password"))
        .isEqualTo("The current password is wrong");

    assertThat(mustChange(user)).isTrue();
    assertThat(getCurrentView()).isInstanceOf(ChangePasswordView.class);
    navigate("projects", ChangePasswordView.class);
  }

  private CapgateUser aUserWhoMustChangeTheirPassword() {
    var user = fixtures.aUser(fixtures.anOrganization(), Role.DEVELOPER);
    jdbc.sql("update users set must_change_password = true where id = ?").param(user.id()).update();
    SignedIn.as(user);
    return user;
  }

  private void changePassword(String current, String next, String repeat) {
    test($(PasswordField.class).id("current-password")).setValue(current);
    test($(PasswordField.class).id("new-password")).setValue(next);
    test($(PasswordField.class).id("repeat-password")).setValue(repeat);
    test($(Button.class).id("change-password")).click();
  }

  private String errorFor(String current, String next, String repeat, String fieldId) {
    $(PasswordField.class).id("current-password").setInvalid(false);
    $(PasswordField.class).id("new-password").setInvalid(false);
    $(PasswordField.class).id("repeat-password").setInvalid(false);
    changePassword(current, next, repeat);
    var field = $(PasswordField.class).id(fieldId);
    assertThat(field.isInvalid()).as(fieldId + " invalid").isTrue();
    return field.getErrorMessage();
  }

  private boolean mustChange(CapgateUser user) {
    return jdbc.sql("select must_change_password from users where id = ?").param(user.id()).query(Boolean.class)
        .single();
  }

  private String hashOf(CapgateUser user) {
    return jdbc.sql("select password_hash from users where id = ?").param(user.id()).query(String.class).single();
  }
}
