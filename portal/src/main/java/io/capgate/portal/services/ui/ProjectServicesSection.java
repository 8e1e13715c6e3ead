package io.capgate.portal.services.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.capgate.portal.base.ConflictException;
import io.capgate.portal.base.ui.FieldErrors;
import io.capgate.portal.base.ui.Notifications;
import io.capgate.portal.base.ui.PageSection;
import io.capgate.portal.projects.Project;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.Role;
import io.capgate.portal.services.RegisteredService;
import io.capgate.portal.services.ServiceRegistry;
import jakarta.validation.ConstraintViolationException;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The services part of a project's page: their grid, and registering a new one for project owners
 * and organization admins. A row opens the service's page (by path, as the manifests feature owns it).
 *
 * <p>Element ids: {@code services-grid}, {@code service-register} opening {@code service-dialog}
 * with the {@link ServiceEditor} fields ({@code service-name}, ..., {@code service-save}).
 */
@Component
@Order(10)
class ProjectServicesSection implements PageSection<Project> {

  private final ServiceRegistry registry;
  private final Access access;

  ProjectServicesSection(ServiceRegistry registry, Access access) {
    this.registry = registry;
    this.access = access;
  }

  @Override
  public com.vaadin.flow.component.Component create(Project project) {
    var grid = createGrid(project);
    var register = new Button("Register service", VaadinIcon.PLUS.create());
    register.setId("service-register");
    register.addThemeVariants(ButtonVariant.PRIMARY);
    var roles = access.projectRoles(project.id());
    register.setVisible(roles.contains(Role.ORG_ADMIN) || roles.contains(Role.PROJECT_OWNER));
    register.addClickListener(e -> openRegisterDialog(project, grid));
    var header = new HorizontalLayout(new H3("Services"), register);
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    var section = new VerticalLayout(header, grid);
    section.setPadding(false);
    return section;
  }

  private Grid<RegisteredService> createGrid(Project project) {
    var grid = new Grid<>(RegisteredService.class, false);
    grid.setId("services-grid");
    grid.addColumn(RegisteredService::name).setHeader("Service").setSortable(true);
    grid.addColumn(RegisteredService::interpreter).setHeader("Interpreter").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(ProjectServicesSection::recognition).setHeader("Recognised by").setFlexGrow(2);
    grid.addColumn(RegisteredService::owner).setHeader("Owner");
    grid.setAllRowsVisible(true);
    grid.addItemClickListener(e -> UI.getCurrent().navigate("services/" + e.getItem().id()));
    grid.setItems(registry.list(project.id()));
    return grid;
  }

  private void openRegisterDialog(Project project, Grid<RegisteredService> grid) {
    var dialog = new Dialog("Register a service in " + project.name());
    dialog.setId("service-dialog");
    dialog.setWidth("48em");
    var editor = new ServiceEditor();
    editor.addCancelListener(e -> dialog.close());
    editor.addSaveListener(e -> {
      try {
        var service = registry.register(project.id(), e.form());
        dialog.close();
        grid.setItems(registry.list(project.id()));
        Notifications.success("Service " + service.name() + " registered");
      } catch (ConstraintViolationException ex) {
        editor.showErrors(FieldErrors.of(ex));
      } catch (ConflictException ex) {
        editor.showErrors(Map.of("name", ex.getMessage()));
      } catch (IllegalArgumentException ex) {
        editor.showRecognitionError(ex.getMessage());
      } catch (AccessDeniedException ex) {
        Notifications.error(ex.getMessage());
      }
    });
    dialog.add(editor);
    dialog.open();
  }

  private static String recognition(RegisteredService s) {
    if (s.systemdUnit() != null) {
      return "unit " + s.systemdUnit();
    }
    return s.matchExecutable() + (s.matchArguments() == null ? "" : " matching " + s.matchArguments());
  }
}
