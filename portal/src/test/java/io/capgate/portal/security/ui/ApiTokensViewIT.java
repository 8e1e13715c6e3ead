package io.capgate.portal.security.ui;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.security.tokens.ApiToken;
import io.capgate.portal.security.tokens.ApiTokens;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

@PortalTest
class ApiTokensViewIT extends SpringBrowserlessTest {

  @Autowired Fixtures fixtures;
  @Autowired ApiTokens tokens;


  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void aNewTokenIsShownOnceAndListedMasked() {
    var user = signIn(Role.DEVELOPER);
    navigate(ApiTokensView.class);

    test($(TextField.class).id("token-name")).setValue("CI deploy");
    test($(Button.class).id("token-create")).click();

    var value = $(TextField.class).id("token-value");
    String shown = value.getValue();
    assertThat(shown).matches("cg_[a-z2-7]{16}_[a-z2-7]{52}");
    var dialog = $(Dialog.class).id("token-dialog");
    assertThat(dialog.isOpened()).isTrue();
    var mine = as(user, () -> tokens.mine());
    assertThat(mine).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("CI deploy");
      assertThat(shown).startsWith("cg_" + t.publicId() + "_");
      assertThat(t.expiresAt()).isAfter(Instant.now().plus(java.time.Duration.ofDays(89)));
    });
    var grid = test(grid());
    assertThat(grid.size()).isEqualTo(1);
    assertThat(grid.getCellText(0, 0)).isEqualTo("CI deploy");
    assertThat(grid.getCellText(0, 1)).isEqualTo(mine.get(0).masked()).doesNotContain(shown.substring(20));

    test($(Button.class).id("token-done")).click();

    assertThat(dialog.isOpened()).isFalse();
    assertThat(value.getValue()).isEmpty();
  }

  @Test
  void aTokenIsRevokedAfterConfirming() {
    var user = signIn(Role.DEVELOPER);
    var created = as(user, () -> tokens.create("laptop", null));
    navigate(ApiTokensView.class);

    test((Button) test(grid()).getCellComponent(0, "revoke")).click();
    test($(ConfirmDialog.class).id("token-revoke-confirm")).confirm();

    assertThat(as(user, () -> tokens.mine())).singleElement()
        .satisfies(t -> assertThat(t.id()).isEqualTo(created.token().id()))
        .satisfies(t -> assertThat(t.revokedAt()).isNotNull());
    assertThat(test(grid()).getCellText(0, test(grid()).getColumnPosition("status"))).isEqualTo("revoked");
    assertThat(((Button) test(grid()).getCellComponent(0, "revoke")).isEnabled()).isFalse();
  }

  @Test
  void cancellingTheConfirmationKeepsTheToken() {
    var user = signIn(Role.DEVELOPER);
    as(user, () -> tokens.create("laptop", null));
    navigate(ApiTokensView.class);

    test((Button) test(grid()).getCellComponent(0, "revoke")).click();
    test($(ConfirmDialog.class).id("token-revoke-confirm")).cancel();

    assertThat(as(user, () -> tokens.mine())).singleElement().satisfies(t -> assertThat(t.revokedAt()).isNull());
  }

  @Test
  void aNameIsRequiredAndNothingIsCreatedWithoutOne() {
    var user = signIn(Role.DEVELOPER);
    navigate(ApiTokensView.class);

    test($(Button.class).id("token-create")).click();

    var name = $(TextField.class).id("token-name");
    assertThat(name.isInvalid()).isTrue();
    assertThat(name.getErrorMessage()).contains("name");
    assertThat(as(user, () -> tokens.mine())).isEmpty();
  }

  @Test
  void onlyAnOrganizationAdminCanListEveryTokenOfTheOrganization() {
    long org = fixtures.anOrganization();
    var developer = fixtures.aUser(org, Role.DEVELOPER);
    as(developer, () -> tokens.create("dev's", null));
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);
    signIn(admin);
    navigate(ApiTokensView.class);
    assertThat(test(grid()).size()).isZero();

    test($(Checkbox.class).id("tokens-all")).click();

    assertThat(test(grid()).size()).isEqualTo(1);
    assertThat(test(grid()).getCellText(0, test(grid()).getColumnPosition("owner"))).isEqualTo(developer.username());
  }

  @Test
  void othersDoNotGetTheOrganizationSwitch() {
    signIn(Role.DEVELOPER);
    navigate(ApiTokensView.class);

    assertThat($(Checkbox.class).withId("tokens-all").exists()).isFalse();
    assertThat($(Grid.class).withId("tokens-grid").exists()).isTrue();
  }

  @SuppressWarnings("unchecked")
  private Grid<ApiToken> grid() {
    return $(Grid.class).id("tokens-grid");
  }

  private CapgateUser signIn(Role role) {
    return signIn(fixtures.aUser(fixtures.anOrganization(), role));
  }

  private static CapgateUser signIn(CapgateUser user) {
    SecurityContextHolder.getContext()
        .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    return user;
  }
}
