package io.capgate.portal.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.portal.security.NewUser;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewUserDialogTest {

  private final NewUserDialog dialog = new NewUserDialog();
  private final List<NewUser> created = new ArrayList<>();

  NewUserDialogTest() {
    dialog.addCreateListener(e -> created.add(e.user()));
  }

  @Test
  void savingFiresTheNormalizedUser() {
    dialog.username.setValue("  Ada.L ");
    dialog.displayName.setValue(" Ada Lovelace ");
    dialog.save.click();

    assertThat(created).containsExactly(new NewUser("ada.l", "Ada Lovelace"));
  }

  @Test
  void validationMessagesLandOnTheirFields() {
    try (var factory = Validation.buildDefaultValidatorFactory()) {
      var violations = factory.getValidator().validate(new NewUser("x", ""));
      dialog.showViolations(new ConstraintViolationException(violations));
    }

    assertThat(dialog.username.isInvalid()).isTrue();
    assertThat(dialog.username.getErrorMessage()).contains("lower-case letters");
    assertThat(dialog.displayName.isInvalid()).isTrue();
  }
}
