package io.capgate.portal.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.capgate.portal.base.ConflictException;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.security.ManagedUser;
import io.capgate.portal.security.OneTimePassword;
import io.capgate.portal.security.ProjectChoice;
import io.capgate.portal.security.UserAdmin;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;

/**
 * Users and roles of the organization, for organization admins; anyone else gets "not found".
 * {@code users?project=ID} shows the users holding a role on one project. {@link UserAdmin}
 * checks every action again; this view only leaves out what the caller cannot do.
 */
@Route("users")
@PageTitle("Users and roles · Capgate")
@PermitAll
public class UsersView extends VerticalLayout implements BeforeEnterObserver {

  final H2 title = new H2("Users and roles");
  final Grid<ManagedUser> grid = new Grid<>(ManagedUser.class, false);
  final Button create = new Button("New user", VaadinIcon.PLUS.create());
  final UserPanel panel = new UserPanel();
  private final UserAdmin admin;
  private ProjectChoice project;

  public UsersView(UserAdmin admin) {
    this.admin = admin;
    create.setId("user-create");
    create.addThemeVariants(ButtonVariant.PRIMARY);
    create.addClickListener(e -> openNewUserDialog());
    grid.setId("users-grid");
    grid.addColumn(ManagedUser::username).setHeader("Username").setSortable(true);
    grid.addColumn(ManagedUser::displayName).setHeader("Name").setSortable(true);
    grid.addColumn(ManagedUser::describeGrants).setHeader("Roles").setFlexGrow(2);
    grid.addColumn(u -> u.enabled() ? (u.mustChangePassword() ? "Must change password" : "Enabled") : "Disabled")
        .setHeader("Status");
    grid.asSingleSelect().addValueChangeListener(e -> panel.setUser(e.getValue()));
    panel.addUserListener(this::onUserEvent);
    panel.addRevokeListener(this::onRevokeEvent);
    panel.grantForm().addGrantListener(this::onGrantEvent);
    add(title, create, grid, panel);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    if (!admin.canAdminister()) {
      event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
      return;
    }
    var projects = admin.projects();
    panel.grantForm().setProjects(projects);
    var parameter = event.getLocation().getQueryParameters().getSingleParameter("project");
    project = null;
    if (parameter.isPresent()) {
      // Another organization's project, or no project at all, is simply not found.
      project = projects.stream().filter(p -> Long.toString(p.id()).equals(parameter.get())).findFirst()
          .orElse(null);
      if (project == null) {
        event.rerouteToError(com.vaadin.flow.router.NotFoundException.class);
        return;
      }
      title.setText("Users and roles · " + project.name());
      panel.grantForm().setProject(project);
    }
    refresh(null);
  }

  private void openNewUserDialog() {
    var dialog = new NewUserDialog();
    dialog.addCreateListener(e -> {
      try {
        var created = admin.create(e.user());
        dialog.close();
        refresh(created.user());
        new OneTimePasswordDialog(created).open();
      } catch (ConstraintViolationException ex) {
        dialog.showViolations(ex);
      } catch (ConflictException ex) {
        dialog.showUsernameError(ex.getMessage());
      }
    });
    dialog.open();
  }

  private void onUserEvent(UserPanel.UserEvent e) {
    long id = e.user().id();
    String name = e.user().username();
    switch (e.kind()) {
      case DISABLE -> act(() -> admin.disable(id), u -> u, name + " disabled");
      case ENABLE -> act(() -> admin.enable(id), u -> u, name + " enabled");
      case RESET_PASSWORD -> act(() -> admin.resetPassword(id), OneTimePassword::user, null)
          .ifPresent(reset -> new OneTimePasswordDialog(reset).open());
    }
  }

  private void onGrantEvent(GrantForm.GrantEvent e) {
    act(() -> admin.grant(panel.user().id(), e.role(), e.projectId()), u -> u, e.role() + " granted");
  }

  private void onRevokeEvent(UserPanel.RevokeEvent e) {
    act(() -> admin.revoke(e.user().id(), e.grant().role(), e.grant().projectId()), u -> u,
        e.grant().describe() + " revoked");
  }

  /** Runs a change, shows the changed user selected, and reports a refusal in a notification. */
  private <T> Optional<T> act(Supplier<T> change, Function<T, ManagedUser> changedUser, String success) {
    try {
      T result = change.get();
      refresh(changedUser.apply(result));
      if (success != null) {
        Notification.show(success).addThemeVariants(NotificationVariant.SUCCESS);
      }
      return Optional.of(result);
    } catch (ConflictException | NotFoundException | IllegalArgumentException | AccessDeniedException e) {
      Notification.show(e.getMessage()).addThemeVariants(NotificationVariant.ERROR);
      return Optional.empty();
    }
  }

  private void refresh(ManagedUser select) {
    List<ManagedUser> users = project == null ? admin.list() : admin.listForProject(project.id());
    grid.setItems(users);
    var selected = select == null ? null
        : users.stream().filter(u -> u.id() == select.id()).findFirst().orElse(null);
    if (selected != null) {
      grid.select(selected);
    } else {
      grid.deselectAll();
    }
    panel.setUser(selected);
  }
}
