package io.capgate.portal.projects.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.capgate.portal.base.ConflictException;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.base.ui.FieldErrors;
import io.capgate.portal.base.ui.Notifications;
import io.capgate.portal.base.ui.PageSection;
import io.capgate.portal.projects.Project;
import io.capgate.portal.projects.ProjectForm;
import io.capgate.portal.projects.ProjectService;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.ConstraintViolationException;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;

/**
 * One project: its settings (editable by its owners and organization admins) and the sections
 * other features add through {@link PageSection PageSection&lt;Project&gt;} (the services of
 * {@code services.ui}), so this package does not depend on theirs.
 *
 * <p>Element ids: {@code project-title}, the {@link ProjectEditor} ids ({@code project-name}, ...,
 * {@code project-save}), plus whatever the sections define ({@code services-grid}, ...).
 */
@Route("projects/:projectId([0-9]+)")
@PermitAll
public class ProjectView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

  final ProjectEditor settings = new ProjectEditor();
  private final H2 title = new H2();
  private final ProjectService projects;
  private final Access access;
  private final ObjectProvider<PageSection<Project>> sections;
  private Project project;

  public ProjectView(ProjectService projects, Access access, ObjectProvider<PageSection<Project>> sections) {
    this.projects = projects;
    this.access = access;
    this.sections = sections;
    title.setId("project-title");
    settings.addSaveListener(e -> save(e.form()));
    settings.addCancelListener(e -> settings.setProject(project));
  }

  /** The route parameters of a project's page. */
  public static RouteParameters parameters(long projectId) {
    return new RouteParameters("projectId", Long.toString(projectId));
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    long projectId = Long.parseLong(event.getRouteParameters().get("projectId").orElseThrow());
    try {
      project = projects.get(projectId);
    } catch (NotFoundException e) {
      event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, e.getMessage());
      return;
    }
    render();
  }

  @Override
  public String getPageTitle() {
    return (project == null ? "Project" : project.name()) + " · Capgate";
  }

  private void render() {
    removeAll();
    title.setText(project.name());
    var roles = access.projectRoles(project.id());
    settings.setProject(project);
    settings.setEditable(roles.contains(Role.ORG_ADMIN) || roles.contains(Role.PROJECT_OWNER));
    var description = new Paragraph(project.description());
    description.setVisible(!project.description().isBlank());
    add(title, description, new H3("Settings"), settings);
    sections.orderedStream().forEach(section -> add(section.create(project)));
  }

  private void save(ProjectForm form) {
    try {
      project = projects.update(project.id(), form);
      Notifications.success("Settings saved");
      render();
    } catch (ConstraintViolationException e) {
      settings.showErrors(FieldErrors.of(e));
    } catch (ConflictException e) {
      settings.showErrors(Map.of("name", e.getMessage()));
    } catch (AccessDeniedException e) {
      Notifications.error(e.getMessage());
    }
  }
}
