package io.capgate.portal.projects.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.capgate.portal.base.ConflictException;
import io.capgate.portal.base.ui.FieldErrors;
import io.capgate.portal.base.ui.Notifications;
import io.capgate.portal.projects.Project;
import io.capgate.portal.projects.ProjectService;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.ConstraintViolationException;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;

/**
 * The projects the signed-in user can read; organization admins create new ones here.
 *
 * <p>Element ids: {@code projects-grid}, {@code project-create} (admins only) opening
 * {@code project-dialog} with the {@link ProjectEditor} fields ({@code project-name}, ...,
 * {@code project-save}). A row opens the project page.
 */
@Route("projects")
@RouteAlias("")
@PageTitle("Projects · Capgate")
@PermitAll
public class ProjectsView extends VerticalLayout {

  final Grid<Project> grid = new Grid<>(Project.class, false);
  final Button create = new Button("New project", VaadinIcon.PLUS.create());
  private final ProjectService projects;

  public ProjectsView(ProjectService projects, Access access) {
    this.projects = projects;
    create.setId("project-create");
    create.addThemeVariants(ButtonVariant.PRIMARY);
    create.setVisible(access.hasOrganizationRole(Role.ORG_ADMIN));
    create.addClickListener(e -> openCreateDialog());
    var header = new HorizontalLayout(new H2("Projects"), create);
    header.setAlignItems(Alignment.BASELINE);
    add(header, createGrid());
    setSizeFull();
  }

  private Grid<Project> createGrid() {
    grid.setId("projects-grid");
    grid.addColumn(Project::name).setHeader("Project").setSortable(true).setFlexGrow(1);
    grid.addColumn(Project::description).setHeader("Description").setFlexGrow(2);
    grid.addColumn(Project::requiredApprovals).setHeader("Approvals needed").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(p -> p.separateActivation() ? "separate" : "on approval").setHeader("Activation")
        .setAutoWidth(true).setFlexGrow(0);
    grid.addItemClickListener(e -> open(e.getItem()));
    grid.setItems(projects.list());
    return grid;
  }

  private void openCreateDialog() {
    var dialog = new Dialog("New project");
    dialog.setId("project-dialog");
    dialog.setWidth("40em");
    var editor = new ProjectEditor();
    editor.addCancelListener(e -> dialog.close());
    editor.addSaveListener(e -> {
      try {
        var project = projects.create(e.form());
        dialog.close();
        Notifications.success("Project " + project.name() + " created");
        open(project);
      } catch (ConstraintViolationException ex) {
        editor.showErrors(FieldErrors.of(ex));
      } catch (ConflictException ex) {
        editor.showErrors(Map.of("name", ex.getMessage()));
      } catch (AccessDeniedException ex) {
        Notifications.error(ex.getMessage());
      }
    });
    dialog.add(editor);
    dialog.open();
  }

  private void open(Project project) {
    getUI().ifPresent(ui -> ui.navigate(ProjectView.class, ProjectView.parameters(project.id())));
  }
}
