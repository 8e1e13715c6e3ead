package io.capgate.portal.services.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import io.capgate.portal.base.ui.FieldErrors;
import io.capgate.portal.services.RegisteredService;
import io.capgate.portal.services.ServiceForm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The fields of a service: what it is, its interpreter and how agents recognise its processes
 * (an executable path with an optional argument regex, or a systemd unit). It checks what it can
 * before firing {@link SaveEvent}, fires {@link CancelEvent}, and never calls a service; the view
 * shows the service's refusals with {@link #showErrors(Map)} and {@link #showRecognitionError(String)}.
 *
 * <p>Element ids: {@code service-name}, {@code service-description}, {@code service-repository},
 * {@code service-owner}, {@code service-interpreter}, {@code service-recognition},
 * {@code service-executable}, {@code service-arguments}, {@code service-unit}, {@code service-save},
 * {@code service-cancel}.
 */
public class ServiceEditor extends FormLayout {

  static final String BY_EXECUTABLE = "Executable path";
  static final String BY_UNIT = "systemd unit";
  static final List<String> INTERPRETERS = List.of("cpython-3.11", "cpython-3.12", "cpython-3.13", "cpython-3.14");

  final TextField name = new TextField("Name");
  final TextArea description = new TextArea("Description");
  final TextField repositoryUrl = new TextField("Repository URL");
  final TextField owner = new TextField("Owner");
  final Select<String> interpreter = new Select<>();
  final RadioButtonGroup<String> recognition = new RadioButtonGroup<>("Agents recognise its processes by");
  final TextField matchExecutable = new TextField("Executable path");
  final TextField matchArguments = new TextField("Argument regex");
  final TextField systemdUnit = new TextField("systemd unit");
  final Button save = new Button("Register");
  final Button cancel = new Button("Cancel");

  public ServiceEditor() {
    configureFields();
    save.setId("service-save");
    save.addThemeVariants(ButtonVariant.PRIMARY);
    save.addClickListener(e -> save());
    cancel.setId("service-cancel");
    cancel.addClickListener(e -> fireEvent(new CancelEvent(this)));
    add(name, owner, repositoryUrl, interpreter, description, recognition, matchExecutable, matchArguments,
        systemdUnit, new HorizontalLayout(save, cancel));
    setColspan(description, 2);
    setColspan(recognition, 2);
    showRecognitionFields();
  }

  private void configureFields() {
    name.setId("service-name");
    name.setRequired(true);
    name.setHelperText("Letters, digits, '.', '_' and '-'");
    description.setId("service-description");
    repositoryUrl.setId("service-repository");
    repositoryUrl.setPlaceholder("https://git.example.com/team/service");
    owner.setId("service-owner");
    owner.setHelperText("A person or team to ask about it");
    interpreter.setId("service-interpreter");
    interpreter.setLabel("Interpreter");
    interpreter.setItems(INTERPRETERS);
    interpreter.setValue(INTERPRETERS.get(0));
    recognition.setId("service-recognition");
    recognition.setItems(BY_EXECUTABLE, BY_UNIT);
    recognition.setValue(BY_EXECUTABLE);
    recognition.addValueChangeListener(e -> showRecognitionFields());
    matchExecutable.setId("service-executable");
    matchExecutable.setPlaceholder("/usr/bin/python3.11");
    matchArguments.setId("service-arguments");
    matchArguments.setHelperText("Optional Java regex the command line must match, e.g. .*uvicorn app.main.*");
    systemdUnit.setId("service-unit");
    systemdUnit.setPlaceholder("payments.service");
  }

  /** Fills the fields from a registered service (for editing). */
  public void setService(RegisteredService service) {
    name.setValue(service.name());
    description.setValue(nullToEmpty(service.description()));
    repositoryUrl.setValue(nullToEmpty(service.repositoryUrl()));
    owner.setValue(nullToEmpty(service.owner()));
    interpreter.setValue(service.interpreter());
    recognition.setValue(service.systemdUnit() == null ? BY_EXECUTABLE : BY_UNIT);
    matchExecutable.setValue(nullToEmpty(service.matchExecutable()));
    matchArguments.setValue(nullToEmpty(service.matchArguments()));
    systemdUnit.setValue(nullToEmpty(service.systemdUnit()));
    save.setText("Save");
    showErrors(Map.of());
  }

  /** What the fields say now; the recognition fields not chosen are left out. */
  public ServiceForm form() {
    boolean byUnit = BY_UNIT.equals(recognition.getValue());
    return new ServiceForm(name.getValue(), description.getValue(), repositoryUrl.getValue(), owner.getValue(),
        interpreter.getValue(), byUnit ? null : matchExecutable.getValue(), byUnit ? null : matchArguments.getValue(),
        byUnit ? systemdUnit.getValue() : null);
  }

  /** Marks fields invalid with their messages, by {@link ServiceForm} component name; clears the others. */
  public void showErrors(Map<String, String> errors) {
    mark(name, errors.get("name"));
    mark(description, errors.get("description"));
    mark(repositoryUrl, errors.get("repositoryUrl"));
    mark(owner, errors.get("owner"));
    mark(interpreter, errors.get("interpreter"));
    mark(matchExecutable, errors.get("matchExecutable"));
    mark(matchArguments, errors.get("matchArguments"));
    mark(systemdUnit, errors.get("systemdUnit"));
  }

  /** Shows the service's refusal of the recognition rule on the field it is about. */
  public void showRecognitionError(String message) {
    String field = message.contains("argument pattern") ? "matchArguments"
        : BY_UNIT.equals(recognition.getValue()) ? "systemdUnit" : "matchExecutable";
    showErrors(Map.of(field, message));
  }

  private void save() {
    var form = form();
    var errors = new LinkedHashMap<>(FieldErrors.validate(form));
    recognitionErrors(form).forEach(errors::putIfAbsent);
    showErrors(errors);
    if (errors.isEmpty()) {
      fireEvent(new SaveEvent(this, form));
    }
  }

  private Map<String, String> recognitionErrors(ServiceForm form) {
    var errors = new LinkedHashMap<String, String>();
    if (BY_UNIT.equals(recognition.getValue())) {
      if (form.systemdUnit() == null) {
        errors.put("systemdUnit", "Enter the unit whose processes are the service");
      }
    } else if (form.matchExecutable() == null) {
      errors.put("matchExecutable", "Enter the absolute path of the executable agents look for");
    }
    if (form.matchArguments() != null) {
      try {
        Pattern.compile(form.matchArguments());
      } catch (PatternSyntaxException e) {
        errors.put("matchArguments", "Not a valid regex: " + e.getDescription() + " at index " + e.getIndex());
      }
    }
    return errors;
  }

  private void showRecognitionFields() {
    boolean byUnit = BY_UNIT.equals(recognition.getValue());
    matchExecutable.setVisible(!byUnit);
    matchArguments.setVisible(!byUnit);
    systemdUnit.setVisible(byUnit);
  }

  private static void mark(HasValidation field, String message) {
    field.setErrorMessage(message);
    field.setInvalid(message != null);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
    return addListener(SaveEvent.class, listener);
  }

  public Registration addCancelListener(ComponentEventListener<CancelEvent> listener) {
    return addListener(CancelEvent.class, listener);
  }

  /** The user saved a form that passed the checks the editor can make. */
  public static class SaveEvent extends ComponentEvent<ServiceEditor> {
    private final ServiceForm form;

    SaveEvent(ServiceEditor source, ServiceForm form) {
      super(source, false);
      this.form = form;
    }

    public ServiceForm form() {
      return form;
    }
  }

  public static class CancelEvent extends ComponentEvent<ServiceEditor> {
    CancelEvent(ServiceEditor source) {
      super(source, false);
    }
  }
}
