package io.capgate.portal.security.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;
import io.capgate.portal.security.ManagedUser;
import io.capgate.portal.security.RoleGrant;

/**
 * The selected user: their grants with a revoke button each, a {@link GrantForm}, and buttons to
 * disable or enable them and to reset their password. Fires typed events; the view acts on them.
 */
public class UserPanel extends VerticalLayout {

  final H3 title = new H3();
  final Paragraph status = new Paragraph();
  final VerticalLayout grants = new VerticalLayout();
  final GrantForm grantForm = new GrantForm();
  final Button toggleEnabled = new Button();
  final Button resetPassword = new Button("Reset password");
  private ManagedUser user;

  public UserPanel() {
    setPadding(false);
    grants.setPadding(false);
    grants.setSpacing(false);
    grants.setId("user-grants");
    toggleEnabled.setId("user-toggle-enabled");
    toggleEnabled.addClickListener(e -> fireEvent(new UserEvent(this, user, user.enabled()
        ? UserEvent.Kind.DISABLE : UserEvent.Kind.ENABLE)));
    resetPassword.setId("user-reset-password");
    resetPassword.addClickListener(e -> fireEvent(new UserEvent(this, user, UserEvent.Kind.RESET_PASSWORD)));
    add(title, status, grants, grantForm, new HorizontalLayout(toggleEnabled, resetPassword));
    setVisible(false);
  }

  /** Shows a user, or hides the panel for null. */
  public void setUser(ManagedUser user) {
    this.user = user;
    setVisible(user != null);
    if (user == null) {
      return;
    }
    title.setText(user.displayName() + " (" + user.username() + ")");
    status.setText((user.enabled() ? "Enabled" : "Disabled")
        + (user.mustChangePassword() ? " · must change the password at next sign-in" : ""));
    toggleEnabled.setText(user.enabled() ? "Disable" : "Enable");
    toggleEnabled.removeThemeVariants(ButtonVariant.ERROR);
    if (user.enabled()) {
      toggleEnabled.addThemeVariants(ButtonVariant.ERROR);
    }
    grants.removeAll();
    if (user.grants().isEmpty()) {
      grants.add(new Span("No roles yet"));
    }
    user.grants().forEach(grant -> grants.add(grantRow(grant)));
  }

  public ManagedUser user() {
    return user;
  }

  public GrantForm grantForm() {
    return grantForm;
  }

  private HorizontalLayout grantRow(RoleGrant grant) {
    var revoke = new Button("Revoke", e -> fireEvent(new RevokeEvent(this, user, grant)));
    revoke.setId("revoke-" + grant.role() + "-" + (grant.projectId() == null ? "all" : grant.projectId()));
    revoke.addThemeVariants(ButtonVariant.TERTIARY);
    var row = new HorizontalLayout(new Span(grant.describe()), revoke);
    row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
    return row;
  }

  public Registration addUserListener(ComponentEventListener<UserEvent> listener) {
    return addListener(UserEvent.class, listener);
  }

  public Registration addRevokeListener(ComponentEventListener<RevokeEvent> listener) {
    return addListener(RevokeEvent.class, listener);
  }

  /** Disable, enable or reset the password of the user. */
  public static class UserEvent extends ComponentEvent<UserPanel> {

    /** What to do with the user. */
    public enum Kind { DISABLE, ENABLE, RESET_PASSWORD }

    private final ManagedUser user;
    private final Kind kind;

    UserEvent(UserPanel source, ManagedUser user, Kind kind) {
      super(source, false);
      this.user = user;
      this.kind = kind;
    }

    public ManagedUser user() {
      return user;
    }

    public Kind kind() {
      return kind;
    }
  }

  /** Revoke one grant of the user. */
  public static class RevokeEvent extends ComponentEvent<UserPanel> {

    private final ManagedUser user;
    private final RoleGrant grant;

    RevokeEvent(UserPanel source, ManagedUser user, RoleGrant grant) {
      super(source, false);
      this.user = user;
      this.grant = grant;
    }

    public ManagedUser user() {
      return user;
    }

    public RoleGrant grant() {
      return grant;
    }
  }
}
