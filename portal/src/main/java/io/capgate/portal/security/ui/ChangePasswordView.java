package io.capgate.portal.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.capgate.portal.security.UserAccounts;
import jakarta.annotation.security.PermitAll;

/** Where a user picks a new password; the first login is sent here until they do. */
@Route(value = "change-password", autoLayout = false)
@PageTitle("Change password · Capgate")
@PermitAll
public class ChangePasswordView extends VerticalLayout {

  final PasswordField current = new PasswordField("Current password");
  final PasswordField next = new PasswordField("New password");
  final PasswordField repeat = new PasswordField("Repeat the new password");
  final Button save = new Button("Change password");
  private final UserAccounts accounts;

  public ChangePasswordView(UserAccounts accounts) {
    this.accounts = accounts;
    setMaxWidth("32em");
    current.setWidthFull();
    next.setWidthFull();
    repeat.setWidthFull();
    next.setHelperText("At least " + UserAccounts.MIN_PASSWORD_LENGTH + " characters, not containing your username");
    save.addThemeVariants(ButtonVariant.PRIMARY);
    save.addClickListener(e -> change());
    current.setId("current-password");
    next.setId("new-password");
    repeat.setId("repeat-password");
    save.setId("change-password");
    add(new H2("Change your password"), explanation(), current, next, repeat, save);
  }

  private Paragraph explanation() {
    return new Paragraph(accounts.mustChangePassword()
        ? "This account still has its first password. Pick your own before you go on."
        : "Pick a new password.");
  }

  private void change() {
    if (!next.getValue().equals(repeat.getValue())) {
      repeat.setInvalid(true);
      repeat.setErrorMessage("The two new passwords differ");
      return;
    }
    try {
      accounts.changePassword(current.getValue(), next.getValue());
      Notification.show("Password changed");
      getUI().ifPresent(ui -> ui.navigate(""));
    } catch (IllegalArgumentException e) {
      // Show the refusal on the field it is about.
      var field = e.getMessage().startsWith("The current password") ? current : next;
      field.setInvalid(true);
      field.setErrorMessage(e.getMessage());
    }
  }
}
