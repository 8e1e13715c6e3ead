package io.capgate.portal.agents.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import io.capgate.model.protocol.ServiceMode;
import io.capgate.portal.agents.Agent;
import io.capgate.portal.agents.AgentAssignment;
import io.capgate.portal.agents.AgentAssignments;
import io.capgate.portal.base.ui.Badges;
import io.capgate.portal.base.ui.Formats;
import io.capgate.portal.base.ui.Notifications;
import io.capgate.portal.base.ui.Refusals;
import io.capgate.portal.services.RegisteredService;
import io.capgate.portal.services.ServiceRegistry;
import java.util.HashSet;
import java.util.List;

/**
 * One agent's services: mode and protection per process as the agent last reported it; for those who may
 * change them, a mode select per service, unassign, and a form to assign another service of the agent's project.
 * The service checks every change again.
 */
class AssignmentsDialog extends Dialog {

  final Grid<AgentAssignment> grid = new Grid<>(AgentAssignment.class, false);
  final Select<RegisteredService> service = new Select<>();
  final Select<ServiceMode> mode = new Select<>();
  private final Agent agent;
  private final AgentAssignments assignments;
  private final ServiceRegistry services;
  private final boolean canChange;
  private final Runnable onChange;

  AssignmentsDialog(Agent agent, AgentAssignments assignments, ServiceRegistry services, boolean canChange,
      Runnable onChange) {
    this.agent = agent;
    this.assignments = assignments;
    this.services = services;
    this.canChange = canChange;
    this.onChange = onChange;
    setId("assignments-dialog");
    setHeaderTitle("Services on " + agent.hostName());
    setWidth("72em");
    add(new VerticalLayout(createGrid(), canChange ? createAssignForm() : new Paragraph(
        "Organization admins, operators and the project's owners assign services.")));
    var close = new Button("Close", e -> close());
    close.setId("assignments-close");
    getFooter().add(close);
    refresh();
  }

  private Grid<AgentAssignment> createGrid() {
    grid.setId("assignments-grid");
    grid.addThemeVariants(GridVariant.NO_BORDER, GridVariant.ROW_STRIPES);
    grid.addColumn(AgentAssignment::serviceName).setHeader("Service").setKey("service").setFlexGrow(2);
    if (canChange) {
      grid.addComponentColumn(this::modeSelect).setHeader("Mode").setKey("mode").setAutoWidth(true);
    } else {
      grid.addColumn(a -> AssignmentLabels.mode(a.mode())).setHeader("Mode").setKey("mode");
    }
    grid.addColumn(a -> a.activeVersion() == null ? "none" : "v" + a.activeVersion()).setHeader("Manifest")
        .setKey("manifest");
    grid.addComponentColumn(this::protectionBadge).setHeader("Protection").setKey("protection");
    grid.addColumn(AssignmentLabels::processes).setHeader("Processes").setKey("processes").setFlexGrow(3);
    grid.addColumn(a -> a.lastReportAt() == null ? "never" : Formats.dateTime(a.lastReportAt()))
        .setHeader("Reported").setKey("reported");
    if (canChange) {
      grid.addComponentColumn(this::unassignButton).setKey("unassign").setAutoWidth(true).setFlexGrow(0);
    }
    grid.setAllRowsVisible(true);
    return grid;
  }

  private Component createAssignForm() {
    service.setId("assign-service");
    service.setLabel("Service");
    service.setItemLabelGenerator(RegisteredService::name);
    service.setEmptySelectionAllowed(false);
    mode.setId("assign-mode");
    mode.setLabel("Mode");
    mode.setItems(ServiceMode.values());
    mode.setItemLabelGenerator(AssignmentLabels::mode);
    mode.setValue(ServiceMode.OBSERVE);
    mode.setHelperText("Alert, stop and kill enforce the service's active manifest");
    var assign = new Button("Assign", e -> assign());
    assign.setId("assign-confirm");
    assign.addThemeVariants(ButtonVariant.PRIMARY);
    var form = new HorizontalLayout(service, mode, assign);
    form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    return form;
  }

  private Select<ServiceMode> modeSelect(AgentAssignment assignment) {
    var select = new Select<ServiceMode>();
    select.setId("assignment-mode-" + assignment.serviceId());
    select.setItems(ServiceMode.values());
    select.setItemLabelGenerator(AssignmentLabels::mode);
    select.setValue(assignment.mode());
    select.addValueChangeListener(e -> {
      if (e.isFromClient() && e.getValue() != null && e.getValue() != assignment.mode()) {
        changeMode(assignment, e.getValue());
      }
    });
    return select;
  }

  private Component protectionBadge(AgentAssignment assignment) {
    var badge = switch (assignment.protection()) {
      case PROTECTED -> Badges.badge(AssignmentLabels.protection(assignment), "success");
      case NOT_PROTECTED -> Badges.badge(AssignmentLabels.protection(assignment), "error");
      case UNKNOWN -> Badges.badge(AssignmentLabels.protection(assignment), "contrast");
    };
    badge.setId("assignment-protection-" + assignment.serviceId());
    return badge;
  }

  private Button unassignButton(AgentAssignment assignment) {
    var unassign = new Button("Unassign", e -> confirmUnassign(assignment));
    unassign.setId("assignment-unassign-" + assignment.serviceId());
    unassign.addThemeVariants(ButtonVariant.ERROR, ButtonVariant.TERTIARY);
    return unassign;
  }

  private void assign() {
    if (service.getValue() == null) {
      service.setInvalid(true);
      service.setErrorMessage("Choose a service");
      return;
    }
    var chosen = service.getValue();
    if (Refusals.attempt(() -> assignments.assign(agent.id(), chosen.id(), mode.getValue()))) {
      Notifications.success(chosen.name() + " assigned to " + agent.hostName());
      changed();
    }
  }

  private void changeMode(AgentAssignment assignment, ServiceMode to) {
    if (Refusals.attempt(() -> assignments.changeMode(agent.id(), assignment.serviceId(), to))) {
      Notifications.success(assignment.serviceName() + " on " + agent.hostName() + " now in " + to + " mode");
    }
    changed();
  }

  private void confirmUnassign(AgentAssignment assignment) {
    var confirm = new ConfirmDialog("Unassign " + assignment.serviceName() + "?",
        "The agent on " + agent.hostName() + " stops supervising it at once.", "Unassign", e -> unassign(assignment));
    confirm.setId("assignment-unassign-confirm");
    confirm.setConfirmButtonTheme("error primary");
    confirm.setCancelable(true);
    confirm.open();
  }

  private void unassign(AgentAssignment assignment) {
    if (Refusals.attempt(() -> assignments.unassign(agent.id(), assignment.serviceId()))) {
      Notifications.success(assignment.serviceName() + " unassigned from " + agent.hostName());
    }
    changed();
  }

  private void changed() {
    refresh();
    onChange.run();
  }

  /** Reloads the assignments and offers the project's services not yet assigned. */
  void refresh() {
    List<AgentAssignment> current = assignments.forAgent(agent.id());
    grid.setItems(current);
    if (canChange) {
      var assigned = new HashSet<Long>();
      current.forEach(a -> assigned.add(a.serviceId()));
      var free = services.list(agent.projectId()).stream().filter(s -> !assigned.contains(s.id())).toList();
      service.setItems(free);
      service.setEnabled(!free.isEmpty());
      service.setPlaceholder(free.isEmpty() ? "every service is assigned" : "choose a service");
    }
  }
}
