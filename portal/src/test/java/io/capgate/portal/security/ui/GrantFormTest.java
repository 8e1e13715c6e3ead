package io.capgate.portal.security.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.capgate.portal.security.ProjectChoice;
import io.capgate.portal.security.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrantFormTest {

  private final GrantForm form = new GrantForm();
  private final List<GrantForm.GrantEvent> grants = new ArrayList<>();
  private final ProjectChoice payments = new ProjectChoice(7, "payments");

  GrantFormTest() {
    form.setProjects(List.of(payments, new ProjectChoice(8, "search")));
    form.addGrantListener(grants::add);
  }

  @Test
  void aProjectRoleIsGrantedOnThePickedProjectOrOnAllProjects() {
    form.role.setValue(Role.DEVELOPER);
    form.project.setValue(payments);
    form.save.click();
    form.project.clear();
    form.save.click();

    assertThat(grants).extracting(GrantForm.GrantEvent::role, GrantForm.GrantEvent::projectId)
        .containsExactly(tuple(Role.DEVELOPER, 7L),
            tuple(Role.DEVELOPER, null));
  }

  @Test
  void anOrganizationWideRoleHasNoProjectToPick() {
    form.project.setValue(payments);
    form.role.setValue(Role.AUDITOR);

    assertThat(form.project.isEnabled()).isFalse();
    assertThat(form.project.getValue()).isNull();
    form.save.click();
    assertThat(grants).singleElement().satisfies(e -> assertThat(e.projectId()).isNull());
  }

  @Test
  void withoutARoleNothingIsFiredAndTheFieldSaysWhy() {
    form.save.click();

    assertThat(grants).isEmpty();
    assertThat(form.role.isInvalid()).isTrue();
    assertThat(form.role.getErrorMessage()).isEqualTo("Pick a role");
  }
}
