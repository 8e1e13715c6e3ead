package io.capgate.portal.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.capgate.portal.base.ConflictException;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.Role;
import io.capgate.portal.security.tokens.ApiToken;
import io.capgate.portal.security.tokens.ApiTokens;
import io.capgate.portal.security.tokens.CreatedApiToken;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The caller's API tokens: create one (its value is shown once, in a dialog), see when each was
 * last used, revoke. An ORG_ADMIN can also list and revoke every token of the organization.
 */
@Route("tokens")
@PageTitle("API tokens · Capgate")
@PermitAll
public class ApiTokensView extends VerticalLayout {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  /** How long a new token lives. */
  enum Lifetime {
    DAYS_30("30 days", Duration.ofDays(30)), DAYS_90("90 days", Duration.ofDays(90)),
    YEAR("1 year", Duration.ofDays(365)), NEVER("No expiry", null);

    final String label;
    final Duration duration;

    Lifetime(String label, Duration duration) {
      this.label = label;
      this.duration = duration;
    }
  }

  final TextField name = new TextField("Name");
  final Select<Lifetime> lifetime = new Select<>();
  final Button create = new Button("Create token");
  final Checkbox wholeOrganization = new Checkbox("Show every token of the organization");
  final Grid<ApiToken> grid = new Grid<>(ApiToken.class, false);
  final TextField value = new TextField("Your new token");
  final Dialog createdDialog = new Dialog();
  private final ApiTokens tokens;
  private final Clock clock;

  public ApiTokensView(ApiTokens tokens, Access access, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
    setMaxWidth("72em");
    wholeOrganization.setId("tokens-all");
    wholeOrganization.setVisible(access.hasOrganizationRole(Role.ORG_ADMIN));
    wholeOrganization.addValueChangeListener(e -> refresh());
    add(new H2("API tokens"), explanation(), createForm(), wholeOrganization, createGrid());
    createCreatedDialog();
    refresh();
  }

  private static Paragraph explanation() {
    return new Paragraph("A token lets scripts and CI call the portal's API (/api/v1) as you, with your roles: "
        + "send it as 'Authorization: Bearer <token>'. Give each use its own token and revoke it when it is no "
        + "longer needed.");
  }

  private HorizontalLayout createForm() {
    name.setId("token-name");
    name.setPlaceholder("e.g. CI deploy");
    name.setMaxLength(ApiTokens.MAX_NAME_LENGTH);
    name.setWidth("20em");
    lifetime.setId("token-lifetime");
    lifetime.setLabel("Expires after");
    lifetime.setItems(Lifetime.values());
    lifetime.setItemLabelGenerator(l -> l.label);
    lifetime.setValue(Lifetime.DAYS_90);
    create.setId("token-create");
    create.addThemeVariants(ButtonVariant.PRIMARY);
    create.addClickListener(e -> create());
    var form = new HorizontalLayout(name, lifetime, create);
    form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    return form;
  }

  private Grid<ApiToken> createGrid() {
    grid.setId("tokens-grid");
    grid.addThemeVariants(GridVariant.NO_BORDER, GridVariant.ROW_STRIPES);
    grid.addColumn(ApiToken::name).setHeader("Name").setFlexGrow(2);
    grid.addColumn(ApiToken::masked).setHeader("Token").setFlexGrow(2);
    grid.addColumn(ApiToken::username).setHeader("Owner").setKey("owner").setVisible(false);
    grid.addColumn(t -> format(t.createdAt())).setHeader("Created");
    grid.addColumn(t -> t.lastUsedAt() == null ? "never" : format(t.lastUsedAt())).setHeader("Last used");
    grid.addColumn(t -> t.expiresAt() == null ? "never" : format(t.expiresAt())).setHeader("Expires");
    grid.addColumn(t -> t.status(clock.instant()).name().toLowerCase(Locale.ROOT)).setHeader("Status").setKey("status");
    grid.addComponentColumn(this::revokeButton).setKey("revoke").setAutoWidth(true).setFlexGrow(0);
    grid.setAllRowsVisible(true);
    return grid;
  }

  private Button revokeButton(ApiToken token) {
    var revoke = new Button("Revoke", e -> confirmRevoke(token));
    revoke.addThemeVariants(ButtonVariant.ERROR, ButtonVariant.TERTIARY);
    revoke.setEnabled(token.revokedAt() == null);
    return revoke;
  }

  private void createCreatedDialog() {
    createdDialog.setId("token-dialog");
    createdDialog.setHeaderTitle("Token created");
    createdDialog.setCloseOnOutsideClick(false);
    value.setId("token-value");
    value.setReadOnly(true);
    value.setWidthFull();
    value.setHelperText("Copy it now: it is shown only this once. Lost it? Revoke it and create another.");
    var copy = new Button("Copy", e -> value.getElement()
        .executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", value.getValue()));
    copy.setId("token-copy");
    var done = new Button("Done", e -> createdDialog.close());
    done.setId("token-done");
    done.addThemeVariants(ButtonVariant.PRIMARY);
    createdDialog.add(value);
    createdDialog.getFooter().add(copy, done);
    createdDialog.setWidth("48em");
    // The value leaves the server-side component tree as soon as the dialog closes.
    createdDialog.addOpenedChangeListener(e -> {
      if (!e.isOpened()) {
        value.clear();
      }
    });
  }

  private void create() {
    var chosen = lifetime.getValue() == null ? Lifetime.DAYS_90 : lifetime.getValue();
    Instant expiresAt = chosen.duration == null ? null : clock.instant().plus(chosen.duration);
    CreatedApiToken created;
    try {
      created = tokens.create(name.getValue(), expiresAt);
    } catch (IllegalArgumentException | ConflictException e) {
      name.setInvalid(true);
      name.setErrorMessage(e.getMessage());
      return;
    }
    name.setInvalid(false);
    name.clear();
    value.setValue(created.value());
    createdDialog.open();
    refresh();
  }

  private void confirmRevoke(ApiToken token) {
    var confirm = new ConfirmDialog("Revoke token '" + token.name() + "'?",
        "Programs using " + token.masked() + " get 401 from their next call. This cannot be undone.",
        "Revoke", e -> revoke(token));
    confirm.setId("token-revoke-confirm");
    confirm.setConfirmButtonTheme("error primary");
    confirm.setCancelable(true);
    confirm.open();
  }

  private void revoke(ApiToken token) {
    tokens.revoke(token.id());
    Notification.show("Revoked '" + token.name() + "'");
    refresh();
  }

  private void refresh() {
    boolean all = wholeOrganization.isVisible() && wholeOrganization.getValue();
    grid.getColumnByKey("owner").setVisible(all);
    grid.setItems(all ? tokens.organizationTokens() : tokens.mine());
  }

  private static String format(Instant instant) {
    return TIME.format(instant);
  }
}
