package io.capgate.portal.agents.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.capgate.portal.agents.AgentAssignments;
import io.capgate.portal.agents.AgentRegistry;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.projects.Project;
import io.capgate.portal.projects.ProjectService;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.Role;
import io.capgate.portal.services.ServiceRegistry;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The host agents of the caller's projects and the one-time tokens that enroll them. Everyone who can read a
 * project sees its agents; the tokens are for organization admins, operators and auditors (the service's read
 * rule). Only admins and operators get the buttons that change tokens and agents, and they and the project's
 * owners those that assign services; the services check again.
 */
@Route("agents")
@PageTitle("Agents · Capgate")
@PermitAll
public class AgentsView extends VerticalLayout {

  public AgentsView(ProjectService projectService, EnrollmentTokens tokens, AgentRegistry registry,
      AgentAssignments assignments, ServiceRegistry services, Access access, Clock clock) {
    setMaxWidth("90em");
    List<Project> projects = projectService.list();
    boolean writer = access.hasOrganizationRole(Role.ORG_ADMIN) || access.hasOrganizationRole(Role.OPERATOR);
    boolean tokenReader = writer || access.hasOrganizationRole(Role.AUDITOR);
    add(new H2("Agents"));
    Set<Long> owned = projects.stream().map(Project::id)
        .filter(id -> access.projectRoles(id).contains(Role.PROJECT_OWNER)).collect(Collectors.toSet());
    var agents = new AgentsSection(projects, registry, assignments, services,
        agent -> writer || owned.contains(agent.projectId()), clock, writer);
    if (tokenReader) {
      add(new EnrollmentTokensSection(projects, tokens, writer));
    }
    add(agents);
    if (projects.isEmpty()) {
      add(new Paragraph("You have no project yet: agents enroll into a project."));
    }
  }
}
