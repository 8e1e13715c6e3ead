package io.capgate.portal.traces.ui;

import io.capgate.portal.base.ui.RangePicker;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.base.ui.Notifications;
import io.capgate.portal.base.ui.Refusals;
import io.capgate.portal.security.Access;
import io.capgate.portal.security.Role;
import io.capgate.portal.services.RegisteredService;
import io.capgate.portal.services.ServiceRegistry;
import io.capgate.portal.traces.ObservedBehaviour;
import io.capgate.portal.traces.TraceReview;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;

/**
 * The trace review of one service: pick a time range, see what each module did, whether agents lost data, how it
 * compares with the active manifest, and turn it into a new draft version (for DEVELOPER and PROJECT_OWNER; the
 * service decides). The draft's page opens next, from where it is submitted for approval.
 *
 * <p>Element ids: {@code traces-title}, {@code traces-service-link}, {@code traces-violations-link},
 * {@code traces-range} (and {@code -from}, {@code -to}), {@code traces-completeness}, {@code traces-modules},
 * {@code traces-module-<module>}, {@code traces-not-allowed}, {@code traces-never-observed},
 * {@code traces-draft-diff}, {@code traces-draft-problem}, {@code traces-turn-into-draft}; see {@link BehaviourPanels}.
 */
@Route("services/:serviceId([0-9]+)/traces")
@PermitAll
public class TraceReviewView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

  final RangePicker range;
  final Button turnIntoDraft = new Button("Turn into draft", VaadinIcon.MAGIC.create());
  final Div content = new Div();
  private final TraceReview review;
  private final ServiceRegistry registry;
  private final Access access;
  private RegisteredService service;
  private ObservedBehaviour shown;

  public TraceReviewView(TraceReview review, ServiceRegistry registry, Access access, Clock clock) {
    this.review = review;
    this.registry = registry;
    this.access = access;
    this.range = new RangePicker("traces", RangePicker.Range.LAST_DAY, false, clock, this::load);
    turnIntoDraft.setId("traces-turn-into-draft");
    turnIntoDraft.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    turnIntoDraft.addClickListener(e -> createDraft());
    content.setWidthFull();
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    long serviceId = event.getRouteParameters().getLong("serviceId").orElseThrow();
    try {
      service = registry.get(serviceId);
    } catch (NotFoundException e) {
      event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, e.getMessage());
      return;
    }
    removeAll();
    var title = new H2("Trace review of " + service.name());
    title.setId("traces-title");
    var roles = access.projectRoles(service.projectId());
    turnIntoDraft.setVisible(roles.contains(Role.DEVELOPER) || roles.contains(Role.PROJECT_OWNER));
    add(title, createLinks(), createToolbar(), content);
    load();
  }

  @Override
  public String getPageTitle() {
    return (service == null ? "Trace review" : "Trace review of " + service.name()) + " · Capgate";
  }

  /** The review on screen, for tests. */
  ObservedBehaviour shown() {
    return shown;
  }

  private Component createLinks() {
    var back = new Anchor("services/" + service.id(), "Back to " + service.name());
    back.setId("traces-service-link");
    var violations = new Anchor("services/" + service.id() + "/violations", "Violations of " + service.name());
    violations.setId("traces-violations-link");
    return new HorizontalLayout(back, violations);
  }

  private Component createToolbar() {
    var toolbar = new HorizontalLayout(range, turnIntoDraft);
    toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    toolbar.setWrap(true);
    return toolbar;
  }

  private void load() {
    if (service == null) {
      return;
    }
    content.removeAll();
    var bounds = range.bounds();
    if (bounds.from() == null || bounds.to() == null || !bounds.from().isBefore(bounds.to())) {
      shown = null;
      turnIntoDraft.setEnabled(false);
      content.add(new Paragraph("Choose a start and an end (the start before the end)."));
      return;
    }
    shown = review.review(service.id(), bounds.from(), bounds.to());
    turnIntoDraft.setEnabled(shown.draft().isPresent());
    content.add(BehaviourPanels.completeness(shown), section("Observed behaviour"), BehaviourPanels.modules(shown),
        section(shown.active().map(v -> "Compared with the active version v" + v.version())
            .orElse("Compared with no active version (the service has none)")),
        BehaviourPanels.gap(shown), section("Turn into draft"), BehaviourPanels.draft(shown));
  }

  private void createDraft() {
    var bounds = range.bounds();
    Refusals.attempt(() -> {
      var created = review.turnIntoDraft(service.id(), bounds.from(), bounds.to());
      Notifications.success("Draft v" + created.version().version() + " created from the observations");
      getUI().ifPresent(ui -> ui.navigate(created.version().pagePath()));
    });
  }

  private static H3 section(String text) {
    return new H3(text);
  }
}
