package io.capgate.portal.projects.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import io.capgate.portal.base.ui.FieldErrors;
import io.capgate.portal.projects.Project;
import io.capgate.portal.projects.ProjectForm;
import java.util.Map;

/**
 * The fields of a project. It fires {@link SaveEvent} with a valid {@link ProjectForm} and
 * {@link CancelEvent}, and never calls a service; the view shows the service's refusals with
 * {@link #showErrors(Map)}.
 *
 * <p>Element ids: {@code project-name}, {@code project-description}, {@code project-approvals},
 * {@code project-separate-activation}, {@code project-save}, {@code project-cancel}.
 */
public class ProjectEditor extends FormLayout {

  final TextField name = new TextField("Name");
  final TextArea description = new TextArea("Description");
  final IntegerField requiredApprovals = new IntegerField("Required approvals");
  final Checkbox separateActivation = new Checkbox("Activate approved versions in a separate step");
  final Button save = new Button("Save");
  final Button cancel = new Button("Cancel");

  public ProjectEditor() {
    name.setId("project-name");
    name.setRequired(true);
    description.setId("project-description");
    requiredApprovals.setId("project-approvals");
    requiredApprovals.setMin(1);
    requiredApprovals.setMax(5);
    requiredApprovals.setStepButtonsVisible(true);
    requiredApprovals.setValue(1);
    requiredApprovals.setHelperText("Distinct reviewers a manifest version needs; never its author");
    separateActivation.setId("project-separate-activation");
    save.setId("project-save");
    save.addThemeVariants(ButtonVariant.PRIMARY);
    save.addClickListener(e -> save());
    cancel.setId("project-cancel");
    cancel.addClickListener(e -> fireEvent(new CancelEvent(this)));
    add(name, requiredApprovals, description, separateActivation, new HorizontalLayout(save, cancel));
    setColspan(description, 2);
  }

  /** Fills the fields from an existing project. */
  public void setProject(Project project) {
    name.setValue(project.name());
    description.setValue(project.description() == null ? "" : project.description());
    requiredApprovals.setValue(project.requiredApprovals());
    separateActivation.setValue(project.separateActivation());
    showErrors(Map.of());
  }

  /** Read-only for users who may see but not change the project; hides the buttons. */
  public void setEditable(boolean editable) {
    name.setReadOnly(!editable);
    description.setReadOnly(!editable);
    requiredApprovals.setReadOnly(!editable);
    separateActivation.setReadOnly(!editable);
    save.setVisible(editable);
    cancel.setVisible(editable);
  }

  /** What the fields say now. */
  public ProjectForm form() {
    Integer approvals = requiredApprovals.getValue();
    return new ProjectForm(name.getValue(), description.getValue(), approvals == null ? 0 : approvals,
        separateActivation.getValue());
  }

  /** Marks fields invalid with their messages, by {@link ProjectForm} component name; clears the others. */
  public void showErrors(Map<String, String> errors) {
    mark(name, errors.get("name"));
    mark(description, errors.get("description"));
    mark(requiredApprovals, errors.get("requiredApprovals"));
  }

  private void save() {
    var form = form();
    var errors = FieldErrors.validate(form);
    showErrors(errors);
    if (errors.isEmpty()) {
      fireEvent(new SaveEvent(this, form));
    }
  }

  private static void mark(HasValidation field, String message) {
    field.setErrorMessage(message);
    field.setInvalid(message != null);
  }

  public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
    return addListener(SaveEvent.class, listener);
  }

  public Registration addCancelListener(ComponentEventListener<CancelEvent> listener) {
    return addListener(CancelEvent.class, listener);
  }

  /** The user saved a form that passed the field constraints. */
  public static class SaveEvent extends ComponentEvent<ProjectEditor> {
    private final ProjectForm form;

    SaveEvent(ProjectEditor source, ProjectForm form) {
      super(source, false);
      this.form = form;
    }

    public ProjectForm form() {
      return form;
    }
  }

  public static class CancelEvent extends ComponentEvent<ProjectEditor> {
    CancelEvent(ProjectEditor source) {
      super(source, false);
    }
  }
}
