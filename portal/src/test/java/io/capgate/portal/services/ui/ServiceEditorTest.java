package io.capgate.portal.services.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.portal.services.ServiceForm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service form on its own, without Spring: what it refuses, what it fires. */
class ServiceEditorTest {

  private final ServiceEditor editor = new ServiceEditor();
  private final List<ServiceForm> saved = new ArrayList<>();
  private int cancelled;

  @BeforeEach
  void listen() {
    editor.addSaveListener(e -> saved.add(e.form()));
    editor.addCancelListener(e -> cancelled++);
  }

  @Test
  void aValidExecutableServiceIsSaved() {
    editor.name.setValue("payments.worker");
    editor.repositoryUrl.setValue("https://git.example.com/pay/worker");
    editor.interpreter.setValue("cpython-3.12");
    editor.matchExecutable.setValue("/usr/bin/python3.12");
    editor.matchArguments.setValue(".*worker.*");
    editor.save.click();

    assertThat(saved).containsExactly(new ServiceForm("payments.worker", "", "https://git.example.com/pay/worker", "",
        "cpython-3.12", "/usr/bin/python3.12", ".*worker.*", null));
  }

  @Test
  void badFieldsAreMarkedAndNothingIsSaved() {
    editor.name.setValue("no spaces allowed");
    editor.repositoryUrl.setValue("ftp://nope");
    editor.matchArguments.setValue("([unclosed");
    editor.save.click();

    assertThat(saved).isEmpty();
    assertThat(editor.name.isInvalid()).isTrue();
    assertThat(editor.name.getErrorMessage()).contains("letters, digits");
    assertThat(editor.repositoryUrl.getErrorMessage()).isEqualTo("an http(s) URL");
    assertThat(editor.matchExecutable.getErrorMessage()).contains("absolute path of the executable");
    assertThat(editor.matchArguments.getErrorMessage()).startsWith("Not a valid regex");
    assertThat(editor.systemdUnit.isInvalid()).isFalse();
  }

  @Test
  void aUnitServiceLeavesTheExecutableFieldsOut() {
    editor.name.setValue("billing");
    editor.matchExecutable.setValue("/usr/bin/python3.11");
    editor.recognition.setValue(ServiceEditor.BY_UNIT);

    assertThat(editor.matchExecutable.isVisible()).isFalse();
    assertThat(editor.systemdUnit.isVisible()).isTrue();
    editor.save.click();
    assertThat(saved).isEmpty();
    assertThat(editor.systemdUnit.getErrorMessage()).contains("Enter the unit");

    editor.systemdUnit.setValue("billing.timer");
    editor.save.click();
    assertThat(editor.systemdUnit.getErrorMessage()).contains("ending in .service");

    editor.systemdUnit.setValue("billing.service");
    editor.save.click();
    assertThat(saved).singleElement().satisfies(form -> {
      assertThat(form.systemdUnit()).isEqualTo("billing.service");
      assertThat(form.matchExecutable()).isNull();
    });
    assertThat(editor.systemdUnit.isInvalid()).isFalse();
  }

  @Test
  void theServersRefusalsAreShownOnTheirFields() {
    editor.showRecognitionError("An argument pattern goes with an executable path");
    assertThat(editor.matchArguments.isInvalid()).isTrue();

    editor.showRecognitionError("Say how agents recognise the service: an executable path, or a systemd unit");
    assertThat(editor.matchArguments.isInvalid()).isFalse();
    assertThat(editor.matchExecutable.getErrorMessage()).startsWith("Say how agents");

    editor.showErrors(java.util.Map.of("name", "The project already has a service named 'x'"));
    assertThat(editor.name.getErrorMessage()).contains("already has");
    assertThat(editor.matchExecutable.isInvalid()).isFalse();
  }

  @Test
  void cancelFiresCancel() {
    editor.cancel.click();
    assertThat(cancelled).isEqualTo(1);
    assertThat(saved).isEmpty();
  }
}
