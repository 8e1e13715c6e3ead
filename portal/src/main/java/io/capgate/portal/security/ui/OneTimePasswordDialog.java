package io.capgate.portal.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import io.capgate.portal.security.OneTimePassword;

/**
 * Shows a made-up password once, for the admin to pass on; it is not kept anywhere the admin could
 * see it again, and the user must change it at their next sign-in.
 */
public class OneTimePasswordDialog extends Dialog {

  final TextField password = new TextField("One-time password");
  final Button done = new Button("Done");

  public OneTimePasswordDialog(OneTimePassword created) {
    setHeaderTitle("Password for " + created.user().username());
    setCloseOnOutsideClick(false);
    password.setId("user-initial-password");
    password.setValue(created.password());
    password.setReadOnly(true);
    password.setWidthFull();
    done.setId("user-password-done");
    done.addThemeVariants(ButtonVariant.PRIMARY);
    // Closing drops the only copy: the dialog is not reopened and the value is not stored.
    done.addClickListener(e -> close());
    add(new Paragraph("Pass this password on to " + created.user().displayName()
        + ". It is shown only now; they must change it when they first sign in."), password);
    getFooter().add(done);
  }
}
