package io.capgate.portal.security.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** The form login; Spring Security's form login handles the POST. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Capgate")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

  private final LoginForm login = new LoginForm();

  public LoginView() {
    setSizeFull();
    setAlignItems(Alignment.CENTER);
    setJustifyContentMode(JustifyContentMode.CENTER);
    login.setAction("login");
    login.setForgotPasswordButtonVisible(false);
    login.setI18n(messages());
    add(new H1("Capgate"), new Paragraph("Capability manifests for Python services"), login);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    login.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
  }

  private static LoginI18n messages() {
    var i18n = LoginI18n.createDefault();
    var error = new LoginI18n.ErrorMessage();
    error.setTitle("Sign-in failed");
    // One message for every cause, so it does not tell which usernames exist.
    error.setMessage("Wrong username or password, or too many attempts: wait a minute and try again.");
    i18n.setErrorMessage(error);
    return i18n;
  }
}
