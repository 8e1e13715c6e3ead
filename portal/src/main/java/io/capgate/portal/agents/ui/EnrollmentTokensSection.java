package io.capgate.portal.agents.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.capgate.portal.agents.CreatedEnrollmentToken;
import io.capgate.portal.agents.EnrollmentToken;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.agents.TokenStatus;
import io.capgate.portal.base.ui.Formats;
import io.capgate.portal.base.ui.Notifications;
import io.capgate.portal.base.ui.Refusals;
import io.capgate.portal.projects.Project;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Enrollment tokens of the caller's projects: create one (its text and the commands to run on the host are
 * shown once, in a dialog), list them with their status, revoke an unused one.
 */
class EnrollmentTokensSection extends VerticalLayout {

  /** How long a new token can be used. */
  enum Validity {
    HOUR("1 hour", Duration.ofHours(1)), DAY("24 hours", EnrollmentTokens.DEFAULT_VALIDITY),
    WEEK("7 days", Duration.ofDays(7)), MONTH("30 days", EnrollmentTokens.MAX_VALIDITY);

    final String label;
    final Duration duration;

    Validity(String label, Duration duration) {
      this.label = label;
      this.duration = duration;
    }
  }

  final Grid<EnrollmentToken> grid = new Grid<>(EnrollmentToken.class, false);
  final Select<Project> project = new Select<>();
  final Select<Validity> validity = new Select<>();
  final TextField description = new TextField("Description");
  final Dialog createDialog = new Dialog();
  final Dialog createdDialog = new Dialog();
  final TextField value = new TextField("Enrollment token");
  final TextArea command = new TextArea("Run on the host");
  private final List<Project> projects;
  private final Map<Long, String> projectNames;
  private final EnrollmentTokens tokens;

  EnrollmentTokensSection(List<Project> projects, EnrollmentTokens tokens, boolean writer) {
    this.projects = projects;
    this.projectNames = projects.stream().collect(Collectors.toMap(Project::id, Project::name));
    this.tokens = tokens;
    setPadding(false);
    add(new H3("Enrollment tokens"), new Paragraph("A token enrolls one agent into a project, once, before it "
        + "expires. Its text is shown only when it is created."));
    if (writer) {
      var open = new Button("New enrollment token", e -> createDialog.open());
      open.setId("token-create-open");
      open.addThemeVariants(ButtonVariant.PRIMARY);
      open.setEnabled(!projects.isEmpty());
      add(open);
      createCreateDialog();
      createCreatedDialog();
    }
    add(createGrid(writer));
    refresh();
  }

  private void createCreateDialog() {
    createDialog.setId("token-create-dialog");
    createDialog.setHeaderTitle("New enrollment token");
    project.setId("token-project");
    project.setLabel("Project");
    project.setItems(projects);
    project.setItemLabelGenerator(Project::name);
    if (!projects.isEmpty()) {
      project.setValue(projects.getFirst());
    }
    validity.setId("token-validity");
    validity.setLabel("Valid for");
    validity.setItems(Validity.values());
    validity.setItemLabelGenerator(v -> v.label);
    validity.setValue(Validity.DAY);
    description.setId("token-description");
    description.setPlaceholder("e.g. db-02 or a ticket number");
    description.setMaxLength(EnrollmentTokens.MAX_DESCRIPTION_LENGTH);
    description.setWidthFull();
    var confirm = new Button("Create", e -> create());
    confirm.setId("token-create-confirm");
    confirm.addThemeVariants(ButtonVariant.PRIMARY);
    createDialog.add(new VerticalLayout(project, validity, description));
    createDialog.getFooter().add(new Button("Cancel", e -> createDialog.close()), confirm);
  }

  private void createCreatedDialog() {
    createdDialog.setId("enrollment-token-dialog");
    createdDialog.setHeaderTitle("Enrollment token created");
    createdDialog.setCloseOnOutsideClick(false);
    value.setId("enrollment-token-value");
    value.setReadOnly(true);
    value.setWidthFull();
    value.setHelperText("Shown only this once. Lost it? Revoke it and create another.");
    command.setId("enrollment-command");
    command.setReadOnly(true);
    command.setWidthFull();
    var done = new Button("Done", e -> createdDialog.close());
    done.setId("enrollment-token-done");
    done.addThemeVariants(ButtonVariant.PRIMARY);
    createdDialog.add(new VerticalLayout(value, command));
    createdDialog.getFooter().add(done);
    createdDialog.setWidth("56em");
    // The token text leaves the server-side component tree as soon as the dialog closes.
    createdDialog.addOpenedChangeListener(e -> {
      if (!e.isOpened()) {
        value.clear();
        command.clear();
      }
    });
  }

  private Grid<EnrollmentToken> createGrid(boolean writer) {
    grid.setId("enrollment-tokens-grid");
    grid.addThemeVariants(GridVariant.NO_BORDER, GridVariant.ROW_STRIPES);
    grid.addColumn(t -> projectNames.getOrDefault(t.projectId(), "")).setHeader("Project").setKey("project");
    grid.addColumn(EnrollmentToken::description).setHeader("Description").setKey("description").setFlexGrow(2);
    grid.addColumn(EnrollmentToken::createdBy).setHeader("Created by").setKey("createdBy");
    grid.addColumn(t -> Formats.dateTime(t.createdAt())).setHeader("Created").setKey("created");
    grid.addColumn(t -> Formats.dateTime(t.expiresAt())).setHeader("Expires").setKey("expires");
    grid.addColumn(t -> statusLabel(t.status())).setHeader("Status").setKey("status");
    if (writer) {
      grid.addComponentColumn(this::revokeButton).setKey("revoke").setAutoWidth(true).setFlexGrow(0);
    }
    grid.setAllRowsVisible(true);
    return grid;
  }

  static String statusLabel(TokenStatus status) {
    return status == TokenStatus.ACTIVE ? "open" : status.name().toLowerCase(Locale.ROOT);
  }

  private Button revokeButton(EnrollmentToken token) {
    var revoke = new Button("Revoke", e -> confirmRevoke(token));
    revoke.setId("token-revoke-" + token.id());
    revoke.addThemeVariants(ButtonVariant.ERROR, ButtonVariant.TERTIARY);
    revoke.setEnabled(token.status() == TokenStatus.ACTIVE);
    return revoke;
  }

  private void create() {
    if (project.getValue() == null) {
      project.setInvalid(true);
      project.setErrorMessage("Choose a project");
      return;
    }
    Duration chosen = validity.getValue() == null ? null : validity.getValue().duration;
    CreatedEnrollmentToken[] created = new CreatedEnrollmentToken[1];
    if (!Refusals.attempt(() -> created[0] = tokens.create(project.getValue().id(), description.getValue(), chosen))) {
      return;
    }
    createDialog.close();
    description.clear();
    value.setValue(created[0].value());
    command.setValue(enrollCommands(created[0].value()));
    createdDialog.open();
    refresh();
  }

  /** What to run on the host: enroll once with the token, then run the agent. */
  static String enrollCommands(String token) {
    return "sudo capgate agent enroll --token " + token + "\nsudo capgate agent run";
  }

  private void confirmRevoke(EnrollmentToken token) {
    var confirm = new ConfirmDialog("Revoke this enrollment token?",
        "It can no longer enroll an agent into " + projectNames.getOrDefault(token.projectId(), "its project")
            + ". This cannot be undone.", "Revoke", e -> revoke(token));
    confirm.setId("token-revoke-confirm");
    confirm.setConfirmButtonTheme("error primary");
    confirm.setCancelable(true);
    confirm.open();
  }

  private void revoke(EnrollmentToken token) {
    if (Refusals.attempt(() -> tokens.revoke(token.id()))) {
      Notifications.success("Enrollment token revoked");
    }
    refresh();
  }

  private void refresh() {
    grid.setItems(projects.stream().flatMap(p -> tokens.list(p.id()).stream())
        .sorted(Comparator.comparing(EnrollmentToken::createdAt).reversed()
            .thenComparing(EnrollmentToken::id, Comparator.reverseOrder()))
        .toList());
  }
}
