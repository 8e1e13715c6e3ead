package io.capgate.portal.manifests.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.base.ui.Formats;
import io.capgate.portal.base.ui.Notifications;
import io.capgate.portal.base.ui.PageSection;
import io.capgate.portal.base.ui.Refusals;
import io.capgate.portal.manifests.ManifestState;
import io.capgate.portal.manifests.ManifestVersion;
import io.capgate.portal.manifests.ManifestVersionDetails;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.security.Access;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.util.EnumSet;
import org.springframework.beans.factory.ObjectProvider;

/**
 * One manifest version: its metadata, what it changes against the active version, and its modules.
 * A draft can be edited and submitted here; the review part (request, decisions, comments and the
 * approve / reject buttons) is added by the approvals feature as a
 * {@link PageSection PageSection&lt;ManifestVersionDetails&gt;}.
 *
 * <p>Element ids: {@code version-title}, {@code version-state} (text: the state's API name),
 * {@code version-metadata}, {@code version-hash}, {@code version-author}, {@code version-edit},
 * {@code version-submit} (opens {@code submit-dialog}: {@code submit-reason}, {@code submit-confirm}),
 * {@code version-diff-active}, {@code version-service} (back to the service), {@code version-diff}
 * (the embedded {@link DiffPanel} with its {@code diff-*} ids), {@code version-manifest} (the
 * {@link ManifestPanel} with its {@code manifest-*} ids).
 */
@Route("services/:serviceId([0-9]+)/versions/:version([0-9]+)")
@PermitAll
public class ManifestVersionView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

  private static final EnumSet<ManifestState> PENDING =
      EnumSet.of(ManifestState.DRAFT, ManifestState.IN_REVIEW, ManifestState.APPROVED);

  private final ManifestVersions versions;
  private final Access access;
  private final ObjectProvider<PageSection<ManifestVersionDetails>> sections;
  private ManifestVersionDetails details;

  public ManifestVersionView(ManifestVersions versions, Access access,
      ObjectProvider<PageSection<ManifestVersionDetails>> sections) {
    this.versions = versions;
    this.access = access;
    this.sections = sections;
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    try {
      details = versions.get(ManifestRoutes.serviceId(event), ManifestRoutes.version(event).orElseThrow());
    } catch (NotFoundException e) {
      event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, e.getMessage());
      return;
    }
    render();
  }

  @Override
  public String getPageTitle() {
    return details == null ? "Manifest version · Capgate"
        : details.version().serviceName() + " v" + details.version().version() + " · Capgate";
  }

  private void render() {
    removeAll();
    var version = details.version();
    add(createTitle(version), createMetadata(version), createActions(version));
    sections.orderedStream().forEach(section -> add(section.create(details)));
    if (PENDING.contains(version.state())) {
      add(new H3("Changes against the active version"), createDiff(version));
    }
    var manifest = new Div(new ManifestPanel(details.manifest()));
    manifest.setId("version-manifest");
    manifest.setWidthFull();
    add(new H3("Manifest"), manifest);
  }

  private Component createTitle(ManifestVersion version) {
    var title = new H2(version.serviceName() + " v" + version.version());
    title.setId("version-title");
    var state = StateBadges.of(version.state());
    state.setId("version-state");
    var row = new HorizontalLayout(title, state);
    row.setAlignItems(FlexComponent.Alignment.CENTER);
    return row;
  }

  private Component createMetadata(ManifestVersion version) {
    var metadata = new FormLayout();
    metadata.setId("version-metadata");
    var hash = text("version-hash", version.hash());
    hash.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)").set("overflow-wrap", "anywhere");
    metadata.setColspan(metadata.addFormItem(hash, "Hash"), 2);
    metadata.addFormItem(text("version-author", version.authorName()), "Author");
    metadata.addFormItem(text("version-modules", Integer.toString(version.moduleCount())), "Modules");
    metadata.addFormItem(time(version.createdAt()), "Created");
    metadata.addFormItem(time(version.submittedAt()), "Submitted");
    metadata.addFormItem(time(version.decidedAt()), "Decided");
    metadata.addFormItem(time(version.activatedAt()), "Activated");
    metadata.addFormItem(time(version.supersededAt()), "Superseded");
    return metadata;
  }

  private Component createActions(ManifestVersion version) {
    var service = new RouterLink("All versions of " + version.serviceName(), ServiceView.class,
        ManifestRoutes.service(version.serviceId()));
    service.setId("version-service");
    var actions = new HorizontalLayout();
    actions.setAlignItems(FlexComponent.Alignment.CENTER);
    // Only a draft's author may change or submit it.
    if (version.state() == ManifestState.DRAFT && access.currentUser().id() == version.authorId()) {
      var edit = new Button("Edit draft", VaadinIcon.EDIT.create(), e -> getUI().ifPresent(ui -> ui.navigate(
          ManifestEditorView.class, ManifestRoutes.version(version.serviceId(), version.version()))));
      edit.setId("version-edit");
      var submit = new Button("Submit for review", VaadinIcon.PAPERPLANE.create(),
          e -> new SubmitDialog(version.version(), this::submit).open());
      submit.setId("version-submit");
      submit.addThemeVariants(ButtonVariant.PRIMARY);
      actions.add(edit, submit);
    }
    if (version.state() != ManifestState.ACTIVE) {
      var diff = new Button("Diff against active", VaadinIcon.EXCHANGE.create(), e -> getUI().ifPresent(ui -> ui.navigate(
          DiffView.class, ManifestRoutes.diff(version.serviceId(), ManifestRoutes.ACTIVE, version.version()))));
      diff.setId("version-diff-active");
      actions.add(diff);
    }
    actions.add(service);
    return actions;
  }

  private Component createDiff(ManifestVersion version) {
    var diff = versions.diffAgainstActive(version.id());
    var from = diff.from() == null ? null : versions.get(diff.from().id()).manifest();
    var fromLabel = diff.from() == null ? "no active version" : "v" + diff.from().version() + " (active)";
    var panel = new DiffPanel(from, fromLabel, details.manifest(), "v" + version.version(), diff.diff());
    var wrapper = new Div(panel);
    wrapper.setId("version-diff");
    wrapper.setWidthFull();
    return wrapper;
  }

  private void submit(String reason) {
    try {
      versions.submit(details.version().id(), reason);
      Notifications.success("v" + details.version().version() + " submitted for review");
      details = versions.get(details.version().id());
      render();
    } catch (RuntimeException e) {
      Notifications.error(Refusals.message(e));
    }
  }

  private static Span text(String id, String value) {
    var span = new Span(value);
    span.setId(id);
    return span;
  }

  private static Span time(Instant at) {
    return new Span(at == null ? "—" : Formats.dateTime(at));
  }
}
