package io.capgate.portal.projects.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.capgate.portal.projects.Project;
import io.capgate.portal.projects.ProjectService;
import jakarta.annotation.security.PermitAll;

/** The projects the signed-in user can read. */
@Route("projects")
@RouteAlias("")
@PageTitle("Projects · Capgate")
@PermitAll
public class ProjectsView extends VerticalLayout {

  final Grid<Project> grid = new Grid<>(Project.class, false);

  public ProjectsView(ProjectService projects) {
    grid.addColumn(Project::name).setHeader("Project").setSortable(true);
    grid.addColumn(Project::description).setHeader("Description");
    grid.addColumn(Project::requiredApprovals).setHeader("Approvals needed");
    grid.setItems(projects.list());
    add(new H2("Projects"), grid);
  }
}
