package io.capgate.portal.security.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import io.capgate.portal.security.NewUser;
import jakarta.validation.ConstraintViolationException;

/**
 * Asks for a new user's username and display name and fires a {@link CreateEvent}; the view
 * creates the user and shows errors back here. The portal makes up the first password.
 */
public class NewUserDialog extends Dialog {

  final TextField username = new TextField("Username");
  final TextField displayName = new TextField("Display name");
  final Button save = new Button("Create user");
  final Button cancel = new Button("Cancel");

  public NewUserDialog() {
    setHeaderTitle("New user");
    username.setId("user-username");
    username.setHelperText("Lower-case letters, digits, '.', '_' or '-'; used to sign in");
    username.setRequired(true);
    displayName.setId("user-display-name");
    displayName.setRequired(true);
    save.setId("user-save");
    save.addThemeVariants(ButtonVariant.PRIMARY);
    save.addClickListener(e -> fireEvent(new CreateEvent(this, new NewUser(username.getValue(),
        displayName.getValue()))));
    cancel.addClickListener(e -> close());
    add(new FormLayout(username, displayName));
    getFooter().add(cancel, save);
  }

  /** Puts each validation message next to its field. */
  public void showViolations(ConstraintViolationException e) {
    e.getConstraintViolations().forEach(v -> {
      String path = v.getPropertyPath().toString();
      var field = path.endsWith("displayName") ? displayName : username;
      field.setInvalid(true);
      field.setErrorMessage(v.getMessage());
    });
  }

  /** A clash, such as a username that is taken. */
  public void showUsernameError(String message) {
    username.setInvalid(true);
    username.setErrorMessage(message);
  }

  public Registration addCreateListener(ComponentEventListener<CreateEvent> listener) {
    return addListener(CreateEvent.class, listener);
  }

  /** The admin asked to create this user. */
  public static class CreateEvent extends ComponentEvent<NewUserDialog> {

    private final NewUser user;

    CreateEvent(NewUserDialog source, NewUser user) {
      super(source, false);
      this.user = user;
    }

    public NewUser user() {
      return user;
    }
  }
}
