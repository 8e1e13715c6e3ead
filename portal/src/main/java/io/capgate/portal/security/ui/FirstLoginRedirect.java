package io.capgate.portal.security.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.UserAccounts;
import org.springframework.stereotype.Component;

/** Sends a user who still has their first password to {@link ChangePasswordView}, whatever they open. */
@Component
class FirstLoginRedirect implements VaadinServiceInitListener {

  private final UserAccounts accounts;
  private final Access access;

  FirstLoginRedirect(UserAccounts accounts, Access access) {
    this.accounts = accounts;
    this.access = access;
  }

  @Override
  public void serviceInit(ServiceInitEvent event) {
    event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(this::redirect));
  }

  private void redirect(BeforeEnterEvent event) {
    var target = event.getNavigationTarget();
    if (target == ChangePasswordView.class || target == LoginView.class || access.maybeCurrentUser().isEmpty()) {
      return;
    }
    if (accounts.mustChangePassword()) {
      event.forwardTo(ChangePasswordView.class);
    }
  }
}
