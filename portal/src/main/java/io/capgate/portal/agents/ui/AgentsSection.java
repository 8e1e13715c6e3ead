package io.capgate.portal.agents.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.capgate.portal.agents.Agent;
import io.capgate.portal.agents.AgentAssignments;
import io.capgate.portal.agents.AgentRegistry;
import io.capgate.portal.agents.AgentStatus;
import io.capgate.portal.base.ui.Badges;
import io.capgate.portal.base.ui.Formats;
import io.capgate.portal.base.ui.Notifications;
import io.capgate.portal.base.ui.Refusals;
import io.capgate.portal.projects.Project;
import io.capgate.portal.services.ServiceRegistry;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The enrolled agents of the caller's projects with their host facts, online status, last heartbeat and the
 * services they supervise with their protection; each agent's services open in an {@link AssignmentsDialog}.
 * Admins and operators can revoke an agent after confirming.
 */
class AgentsSection extends VerticalLayout {

  final Grid<Agent> grid = new Grid<>(Agent.class, false);
  AssignmentsDialog assignmentsDialog;
  private final List<Project> projects;
  private final Map<Long, String> projectNames;
  private final AgentRegistry registry;
  private final AgentAssignments assignments;
  private final ServiceRegistry services;
  private final Predicate<Agent> canAssign;
  private final Clock clock;

  AgentsSection(List<Project> projects, AgentRegistry registry, AgentAssignments assignments,
      ServiceRegistry services, Predicate<Agent> canAssign, Clock clock, boolean writer) {
    this.projects = projects;
    this.projectNames = projects.stream().collect(Collectors.toMap(Project::id, Project::name));
    this.registry = registry;
    this.assignments = assignments;
    this.services = services;
    this.canAssign = canAssign;
    this.clock = clock;
    setPadding(false);
    add(new H3("Agents"), createGrid(writer));
    refresh();
  }

  private Grid<Agent> createGrid(boolean writer) {
    grid.setId("agents-grid");
    grid.addThemeVariants(GridVariant.NO_BORDER, GridVariant.ROW_STRIPES);
    grid.addColumn(Agent::hostName).setHeader("Host").setKey("host").setFlexGrow(2);
    grid.addColumn(a -> projectNames.getOrDefault(a.projectId(), "")).setHeader("Project").setKey("project");
    grid.addColumn(Agent::kernel).setHeader("Kernel").setKey("kernel");
    grid.addColumn(a -> orNone(a.bpftraceVersion())).setHeader("bpftrace").setKey("bpftrace");
    grid.addColumn(a -> a.pythonVersions().isEmpty() ? "none" : String.join(", ", a.pythonVersions()))
        .setHeader("Python").setKey("python");
    grid.addColumn(a -> a.agentVersion() == null ? "not yet known" : a.agentVersion())
        .setHeader("Agent").setKey("agentVersion");
    grid.addComponentColumn(this::status).setHeader("Status").setKey("status").setAutoWidth(true);
    grid.addColumn(this::heartbeat).setHeader("Last heartbeat").setKey("heartbeat");
    grid.addColumn(a -> Formats.dateTime(a.enrolledAt())).setHeader("Enrolled").setKey("enrolled");
    grid.addColumn(a -> Formats.dateTime(a.revokedAt())).setHeader("Revoked").setKey("revoked");
    grid.addColumn(a -> AssignmentLabels.summary(assignments.forAgent(a.id()))).setHeader("Services")
        .setKey("services").setFlexGrow(3);
    grid.addComponentColumn(this::servicesButton).setKey("assignments").setAutoWidth(true).setFlexGrow(0);
    if (writer) {
      grid.addComponentColumn(this::revokeButton).setKey("revoke").setAutoWidth(true).setFlexGrow(0);
    }
    grid.setAllRowsVisible(true);
    return grid;
  }

  private static String orNone(String version) {
    return version == null ? "none" : version;
  }

  private Component status(Agent agent) {
    var badge = switch (agent.status()) {
      case ONLINE -> Badges.badge("online", "success");
      case OFFLINE -> Badges.badge("offline", "contrast");
      case REVOKED -> Badges.badge("revoked", "error");
    };
    badge.setId("agent-status-" + agent.id());
    return new HorizontalLayout(badge);
  }

  /** "last heartbeat 12 s ago", or that it never connected after enrolling. */
  String heartbeat(Agent agent) {
    return agent.lastSeenAt() == null ? "never connected"
        : "last heartbeat " + Formats.age(agent.lastSeenAt(), clock) + " ago";
  }

  private Button servicesButton(Agent agent) {
    var open = new Button("Services", e -> openAssignments(agent));
    open.setId("agent-services-" + agent.id());
    open.addThemeVariants(ButtonVariant.TERTIARY);
    return open;
  }

  private void openAssignments(Agent agent) {
    boolean change = agent.status() != AgentStatus.REVOKED && canAssign.test(agent);
    assignmentsDialog = new AssignmentsDialog(agent, assignments, services, change, this::refresh);
    assignmentsDialog.open();
  }

  private Button revokeButton(Agent agent) {
    var revoke = new Button("Revoke", e -> confirmRevoke(agent));
    revoke.setId("agent-revoke-" + agent.id());
    revoke.addThemeVariants(ButtonVariant.ERROR, ButtonVariant.TERTIARY);
    revoke.setEnabled(agent.status() != AgentStatus.REVOKED);
    return revoke;
  }

  private void confirmRevoke(Agent agent) {
    var confirm = new ConfirmDialog("Revoke the agent on " + agent.hostName() + "?",
        "Its connection is closed and its certificate refused from now on; to come back it must enroll again "
            + "with a new token.", "Revoke", e -> revoke(agent));
    confirm.setId("agent-revoke-confirm");
    confirm.setConfirmButtonTheme("error primary");
    confirm.setCancelable(true);
    confirm.open();
  }

  private void revoke(Agent agent) {
    if (Refusals.attempt(() -> registry.revoke(agent.id()))) {
      Notifications.success("Agent on " + agent.hostName() + " revoked");
    }
    refresh();
  }

  private void refresh() {
    grid.setItems(projects.stream().flatMap(p -> registry.list(p.id()).stream())
        .sorted(Comparator.comparing(Agent::hostName).thenComparing(Agent::id))
        .toList());
  }
}
