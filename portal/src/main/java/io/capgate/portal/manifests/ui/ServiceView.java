package io.capgate.portal.manifests.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.base.ui.Formats;
import io.capgate.portal.manifests.ManifestVersion;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.projects.ProjectService;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.Role;
import io.capgate.portal.services.RegisteredService;
import io.capgate.portal.services.ServiceRegistry;
import jakarta.annotation.security.PermitAll;
import java.util.Comparator;
import java.util.Optional;

/**
 * A service: what it is, and its manifest versions newest first. The history grid pages through
 * {@link ManifestVersions#history} and {@link ManifestVersions#countVersions}, so a service with
 * ten thousand versions loads one page at a time.
 *
 * <p>Element ids: {@code service-title}, {@code service-details}, {@code service-project} (link),
 * {@code versions-grid} (multi-select), {@code version-link-<n>} (each version's page),
 * {@code version-new-draft}, {@code versions-compare} (enabled with exactly two selected),
 * {@code version-open-active}, {@code service-traces} and {@code service-violations} (links).
 */
@Route("services/:serviceId([0-9]+)")
@PermitAll
public class ServiceView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

  final Grid<ManifestVersion> grid = new Grid<>(ManifestVersion.class, false);
  final Button newDraft = new Button("New draft", VaadinIcon.EDIT.create());
  final Button compare = new Button("Compare selected", VaadinIcon.EXCHANGE.create());
  final Button openActive = new Button("Open active version", VaadinIcon.CHECK_CIRCLE.create());
  private final ServiceRegistry registry;
  private final ProjectService projects;
  private final ManifestVersions versions;
  private final Access access;
  private RegisteredService service;

  public ServiceView(ServiceRegistry registry, ProjectService projects, ManifestVersions versions, Access access) {
    this.registry = registry;
    this.projects = projects;
    this.versions = versions;
    this.access = access;
    newDraft.setId("version-new-draft");
    newDraft.addThemeVariants(ButtonVariant.PRIMARY);
    compare.setId("versions-compare");
    compare.setEnabled(false);
    openActive.setId("version-open-active");
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    long serviceId = ManifestRoutes.serviceId(event);
    try {
      service = registry.get(serviceId);
    } catch (NotFoundException e) {
      event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, e.getMessage());
      return;
    }
    removeAll();
    var title = new H2(service.name());
    title.setId("service-title");
    add(title, createDetails(), createActions(), createGrid());
  }

  @Override
  public String getPageTitle() {
    return (service == null ? "Service" : service.name()) + " · Capgate";
  }

  private Component createDetails() {
    var project = new Anchor("projects/" + service.projectId(), projects.get(service.projectId()).name());
    project.setId("service-project");
    var details = new FormLayout();
    details.setId("service-details");
    details.addFormItem(new Span(service.interpreter()), "Interpreter");
    details.addFormItem(new Span(recognition()), "Recognised by");
    details.addFormItem(new Span(service.owner()), "Owner");
    details.addFormItem(service.repositoryUrl() == null ? new Span("—")
        : new Anchor(service.repositoryUrl(), service.repositoryUrl()), "Repository");
    details.addFormItem(new Span(service.description()), "Description");
    details.addFormItem(project, "Belongs to");
    return details;
  }

  private Component createActions() {
    var roles = access.projectRoles(service.projectId());
    newDraft.setVisible(roles.contains(Role.DEVELOPER) || roles.contains(Role.PROJECT_OWNER));
    newDraft.addClickListener(e -> navigate(ManifestEditorView.class, ManifestRoutes.service(service.id())));
    Optional<ManifestVersion> active = versions.active(service.id()).map(d -> d.version());
    openActive.setEnabled(active.isPresent());
    openActive.setText(active.map(v -> "Open active version (v" + v.version() + ")").orElse("No active version"));
    active.ifPresent(v -> openActive.addClickListener(
        e -> navigate(ManifestVersionView.class, ManifestRoutes.version(service.id(), v.version()))));
    compare.addClickListener(e -> compareSelected());
    // By path, so manifests does not depend on the traces and violations features.
    var traces = new Anchor("services/" + service.id() + "/traces", "Trace review");
    traces.setId("service-traces");
    var violations = new Anchor("services/" + service.id() + "/violations", "Violations");
    violations.setId("service-violations");
    var actions = new HorizontalLayout(newDraft, compare, openActive, traces, violations);
    actions.setDefaultVerticalComponentAlignment(com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment.CENTER);
    return actions;
  }

  private Grid<ManifestVersion> createGrid() {
    grid.setId("versions-grid");
    grid.setSelectionMode(Grid.SelectionMode.MULTI);
    grid.addComponentColumn(this::versionLink).setHeader("Version").setAutoWidth(true).setFlexGrow(0);
    grid.addComponentColumn(v -> StateBadges.of(v.state())).setHeader("State").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(v -> Formats.shortHash(v.hash())).setHeader("Hash").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(ManifestVersion::authorName).setHeader("Author");
    grid.addColumn(v -> Formats.dateTime(v.createdAt())).setHeader("Created");
    grid.addColumn(v -> Formats.dateTime(v.submittedAt())).setHeader("Submitted");
    grid.addColumn(v -> Formats.dateTime(v.activatedAt())).setHeader("Activated");
    long serviceId = service.id();
    grid.setItems(query -> versions.history(serviceId, query.getOffset(), query.getLimit()).stream(),
        query -> versions.countVersions(serviceId));
    grid.addSelectionListener(e -> compare.setEnabled(e.getAllSelectedItems().size() == 2));
    grid.setHeight("32em");
    return grid;
  }

  private RouterLink versionLink(ManifestVersion version) {
    var link = new RouterLink("v" + version.version(), ManifestVersionView.class,
        ManifestRoutes.version(version.serviceId(), version.version()));
    link.setId("version-link-" + version.version());
    return link;
  }

  private void compareSelected() {
    var selected = grid.getSelectedItems().stream().sorted(Comparator.comparingInt(ManifestVersion::version)).toList();
    if (selected.size() == 2) {
      navigate(DiffView.class, ManifestRoutes.diff(service.id(), Integer.toString(selected.get(0).version()),
          selected.get(1).version()));
    }
  }

  private String recognition() {
    if (service.systemdUnit() != null) {
      return "systemd unit " + service.systemdUnit();
    }
    return service.matchExecutable() + (service.matchArguments() == null ? "" : " matching " + service.matchArguments());
  }

  private void navigate(Class<? extends Component> view, com.vaadin.flow.router.RouteParameters parameters) {
    getUI().ifPresent(ui -> ui.navigate(view, parameters));
  }
}
