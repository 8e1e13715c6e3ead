package io.capgate.portal.manifests.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.router.RouterLink;
import io.capgate.model.manifest.ManifestProblem;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.base.ui.Notifications;
import io.capgate.portal.base.ui.Refusals;
import io.capgate.portal.manifests.ManifestState;
import io.capgate.portal.manifests.ManifestValidationException;
import io.capgate.portal.manifests.ManifestVersionDetails;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.services.RegisteredService;
import io.capgate.portal.services.ServiceRegistry;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Optional;

/**
 * Writes a draft: a new one (prefilled from the active version, or a template when there is none)
 * at {@code services/:serviceId/edit}, or an existing draft at {@code .../versions/:version/edit}.
 * The text is validated by {@link ManifestVersions#validate} shortly after typing stops, and each
 * problem is listed with its line and column and marked in the numbered preview (see {@link ProblemsPanel}).
 *
 * <p>Element ids: {@code editor-title}, {@code editor-text}, {@code editor-status}, {@code editor-problems},
 * {@code editor-preview}, {@code editor-line-<n>}, {@code editor-save}, {@code editor-submit} (saves, then
 * opens {@code submit-dialog}), {@code editor-cancel}.
 */
@Route("services/:serviceId([0-9]+)/edit")
@RouteAlias("services/:serviceId([0-9]+)/versions/:version([0-9]+)/edit")
@PermitAll
public class ManifestEditorView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

  /** Time after the last keystroke before the text is validated. */
  static final int VALIDATE_AFTER_MS = 400;

  final TextArea text = new TextArea();
  final ProblemsPanel problems = new ProblemsPanel();
  final Button save = new Button("Save draft");
  final Button submit = new Button("Submit for review");
  private final H2 title = new H2();
  private final ManifestVersions versions;
  private final ServiceRegistry registry;
  private RegisteredService service;
  private ManifestVersionDetails draft;

  public ManifestEditorView(ManifestVersions versions, ServiceRegistry registry) {
    this.versions = versions;
    this.registry = registry;
    setSizeFull();
    title.setId("editor-title");
    text.setId("editor-text");
    text.setLabel("Manifest (YAML)");
    text.setWidthFull();
    text.setMinHeight("32em");
    text.setMaxHeight("70vh");
    text.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
        .set("--vaadin-input-field-value-font-family", "var(--lumo-font-family-monospace, monospace)");
    text.setValueChangeMode(ValueChangeMode.LAZY);
    text.setValueChangeTimeout(VALIDATE_AFTER_MS);
    text.addValueChangeListener(e -> validate());
    save.setId("editor-save");
    save.addClickListener(e -> save());
    submit.setId("editor-submit");
    submit.addThemeVariants(ButtonVariant.PRIMARY);
    submit.addClickListener(e -> save().ifPresent(this::askReason));
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    long serviceId = ManifestRoutes.serviceId(event);
    Optional<Integer> version = ManifestRoutes.version(event);
    try {
      service = registry.get(serviceId);
      draft = version.map(n -> versions.get(serviceId, n)).orElse(null);
    } catch (NotFoundException e) {
      event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, e.getMessage());
      return;
    }
    if (draft != null && draft.version().state() != ManifestState.DRAFT) {
      Notifications.error("v" + draft.version().version() + " is " + draft.version().state()
          + " and can no longer change; start a new draft from the service page");
      event.forwardTo(ManifestVersionView.class, ManifestRoutes.version(serviceId, draft.version().version()));
      return;
    }
    render(draft != null ? draft.content() : versions.active(serviceId).map(ManifestVersionDetails::content)
        .orElseGet(() -> ManifestTemplate.forService(service)));
  }

  @Override
  public String getPageTitle() {
    return "Edit manifest · Capgate";
  }

  private void render(String content) {
    removeAll();
    updateTitle();
    text.setValue(content);
    var cancel = new RouterLink("Back to " + service.name(), ServiceView.class, ManifestRoutes.service(service.id()));
    cancel.setId("editor-cancel");
    var buttons = new HorizontalLayout(save, submit, cancel);
    buttons.setAlignItems(FlexComponent.Alignment.CENTER);
    var editor = new VerticalLayout(text, buttons);
    editor.setPadding(false);
    editor.setWidth("55%");
    var side = new VerticalLayout(new H4("Problems"), problems.list(), new H4("Preview"), problems.preview());
    side.setPadding(false);
    side.setWidth("45%");
    var columns = new HorizontalLayout(editor, side);
    columns.setWidthFull();
    add(title, problems.status(), columns);
    validate();
  }

  private void updateTitle() {
    title.setText(draft == null ? "New draft of " + service.name()
        : "Draft v" + draft.version().version() + " of " + service.name());
  }

  private void validate() {
    problems.show(text.getValue(), versions.validate(text.getValue()));
  }

  private Optional<ManifestVersionDetails> save() {
    try {
      draft = draft == null ? versions.createDraft(service.id(), text.getValue())
          : versions.updateDraft(draft.version().id(), text.getValue());
    } catch (ManifestValidationException e) {
      problems.show(text.getValue(), e.problems());
      Notifications.error("Not saved: " + problemCount(e.problems()));
      return Optional.empty();
    } catch (RuntimeException e) {
      Notifications.error(Refusals.message(e));
      return Optional.empty();
    }
    updateTitle();
    getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, "services/" + service.id() + "/versions/"
        + draft.version().version() + "/edit"));
    Notifications.success("Saved draft v" + draft.version().version());
    return Optional.of(draft);
  }

  private void askReason(ManifestVersionDetails saved) {
    new SubmitDialog(saved.version().version(), reason -> {
      try {
        versions.submit(saved.version().id(), reason);
      } catch (RuntimeException e) {
        Notifications.error(Refusals.message(e));
        return;
      }
      Notifications.success("v" + saved.version().version() + " submitted for review");
      getUI().ifPresent(ui -> ui.navigate(ManifestVersionView.class,
          ManifestRoutes.version(service.id(), saved.version().version())));
    }).open();
  }

  static String problemCount(List<ManifestProblem> problems) {
    return problems.size() == 1 ? "1 problem" : problems.size() + " problems";
  }
}
