package io.capgate.portal.violations.ui;

import io.capgate.portal.base.ui.RangePicker;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.capgate.model.protocol.ViolationAction;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.projects.Project;
import io.capgate.portal.projects.ProjectService;
import io.capgate.portal.security.Access;
import io.capgate.portal.services.RegisteredService;
import io.capgate.portal.services.ServiceRegistry;
import io.capgate.portal.violations.ViolationFeed;
import io.capgate.portal.violations.ViolationFilter;
import io.capgate.portal.violations.Violations;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Violations of the caller's organization (or of one service, under {@code services/<id>/violations}), newest first,
 * filtered and paged lazily through {@link Violations#page}. New violations appear without a reload: the view
 * subscribes to the {@link ViolationFeed} while attached and, on a violation its filter may show, re-reads the
 * first rows (with "Live" off it only counts them). What it shows always comes from the database under the
 * viewer's own roles, so the feed's events never put a row on screen the viewer could not read.
 *
 * <p>Element ids: {@code violations-title}, {@code violations-filter-project}, {@code violations-filter-service},
 * {@code violations-filter-action}, {@code violations-filter-module}, {@code violations-filter-range} (and
 * {@code -from}, {@code -to}), {@code violations-live}, {@code violations-new} (shown when violations arrived while
 * not live), {@code violations-grid}; rows: see {@link ViolationGrid}.
 */
@Route("violations")
@RouteAlias("services/:serviceId([0-9]+)/violations")
@PermitAll
public class ViolationsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

  final ComboBox<Project> project = new ComboBox<>("Project");
  final ComboBox<RegisteredService> service = new ComboBox<>("Service");
  final Select<String> action = new Select<>();
  final TextField module = new TextField("Module contains");
  final RangePicker range;
  final Checkbox live = new Checkbox("Live", true);
  final Button newArrivals = new Button();
  final ViolationGrid grid = new ViolationGrid();
  final ViolationPager pager;
  private final LiveUpdates updates;
  private final ProjectService projects;
  private final ServiceRegistry registry;
  private final H2 title = new H2("Violations");
  private final Anchor serviceLink = new Anchor();
  private RegisteredService fixedService;

  public ViolationsView(Violations violations, ViolationFeed feed, ProjectService projects, ServiceRegistry registry,
      Access access, Clock clock) {
    this.projects = projects;
    this.registry = registry;
    this.pager = new ViolationPager(violations);
    this.range = new RangePicker("violations-filter", RangePicker.Range.ANY, true, clock, this::applyFilter);
    this.updates = new LiveUpdates(feed, access.currentUser().organizationId(), this::arrived);
    title.setId("violations-title");
    serviceLink.setId("violations-service-link");
    serviceLink.setVisible(false);
    setSizeFull();
    add(title, serviceLink, createFilters(), createLiveBar(), grid);
    expand(grid);
    var viewer = LiveUpdates.currentAuthentication();
    grid.setItems(query -> LiveUpdates.as(viewer, () -> pager.fetch(query.getOffset(), query.getLimit())).stream());
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    var serviceId = event.getRouteParameters().getLong("serviceId");
    fixedService = null;
    if (serviceId.isPresent()) {
      try {
        fixedService = registry.get(serviceId.get());
      } catch (NotFoundException e) {
        event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, e.getMessage());
        return;
      }
      serviceLink.setHref("services/" + fixedService.id());
      serviceLink.setText("Back to " + fixedService.name());
    } else {
      project.setItems(projects.list());
      service.setItems(services(null));
    }
    // The same instance serves both routes when navigating between them.
    title.setText(fixedService == null ? "Violations" : "Violations of " + fixedService.name());
    serviceLink.setVisible(fixedService != null);
    project.setVisible(fixedService == null);
    service.setVisible(fixedService == null);
    applyFilter();
  }

  @Override
  public String getPageTitle() {
    return (fixedService == null ? "Violations" : "Violations of " + fixedService.name()) + " · Capgate";
  }

  @Override
  protected void onAttach(AttachEvent event) {
    updates.start(event.getUI());
  }

  @Override
  protected void onDetach(DetachEvent event) {
    updates.stop();
  }

  private Component createFilters() {
    project.setId("violations-filter-project");
    project.setItemLabelGenerator(Project::name);
    project.setClearButtonVisible(true);
    project.addValueChangeListener(e -> {
      service.setItems(services(e.getValue()));
      applyFilter();
    });
    service.setId("violations-filter-service");
    service.setItemLabelGenerator(RegisteredService::name);
    service.setClearButtonVisible(true);
    service.addValueChangeListener(e -> applyFilter());
    action.setId("violations-filter-action");
    action.setLabel("Action");
    action.setItems(Arrays.stream(ViolationAction.values()).map(Enum::name).toList());
    action.setEmptySelectionAllowed(true);
    action.setEmptySelectionCaption("Any");
    action.addValueChangeListener(e -> applyFilter());
    module.setId("violations-filter-module");
    module.setValueChangeMode(ValueChangeMode.LAZY);
    module.setClearButtonVisible(true);
    module.addValueChangeListener(e -> applyFilter());
    var filters = new HorizontalLayout(project, service, action, module, range);
    filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    filters.setWrap(true);
    return filters;
  }

  private Component createLiveBar() {
    live.setId("violations-live");
    live.addValueChangeListener(e -> {
      if (e.getValue()) {
        showNewest();
      }
    });
    newArrivals.setId("violations-new");
    newArrivals.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
    newArrivals.setVisible(false);
    newArrivals.addClickListener(e -> showNewest());
    var bar = new HorizontalLayout(live, newArrivals);
    bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
    return bar;
  }

  /** The filter as chosen now (a moving time range moves with the clock). */
  ViolationFilter currentFilter() {
    var bounds = range.bounds();
    Long serviceId = fixedService != null ? Long.valueOf(fixedService.id())
        : service.getValue() == null ? null : service.getValue().id();
    Long projectId = fixedService == null && project.getValue() != null ? project.getValue().id() : null;
    return new ViolationFilter(serviceId, null, bounds.from(), bounds.to(), null, projectId, action.getValue(),
        module.getValue());
  }

  private void applyFilter() {
    var filter = currentFilter();
    pager.reset(filter);
    updates.filter(filter);
    showNewest();
  }

  /** Runs on the UI (inside {@code UI.access}) when violations the filter may show arrived. */
  private void arrived(int count) {
    if (live.getValue()) {
      showNewest();
    } else {
      updates.addUnseen(count);
      newArrivals.setText(updates.unseen() + " new — show");
      newArrivals.setVisible(true);
    }
  }

  private void showNewest() {
    pager.reset(currentFilter());
    updates.clearUnseen();
    newArrivals.setVisible(false);
    grid.getDataProvider().refreshAll();
  }

  private List<RegisteredService> services(Project chosen) {
    var within = chosen == null ? projects.list() : List.of(chosen);
    return within.stream().flatMap(p -> registry.list(p.id()).stream()).toList();
  }
}
