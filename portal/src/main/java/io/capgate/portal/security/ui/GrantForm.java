package io.capgate.portal.security.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.shared.Registration;
import io.capgate.portal.security.ProjectChoice;
import io.capgate.portal.security.Role;
import java.util.List;

/**
 * Picks a role and, for project roles, an optional project (none: every project), and fires a
 * {@link GrantEvent}. Organization-wide roles have no project to pick.
 */
public class GrantForm extends HorizontalLayout {

  final Select<Role> role = new Select<>();
  final ComboBox<ProjectChoice> project = new ComboBox<>("Project");
  final Button save = new Button("Grant");

  public GrantForm() {
    role.setLabel("Role");
    role.setId("grant-role");
    role.setItems(Role.values());
    role.addValueChangeListener(e -> projectFor(e.getValue()));
    project.setId("grant-project");
    project.setItemLabelGenerator(ProjectChoice::name);
    project.setPlaceholder("All projects");
    project.setClearButtonVisible(true);
    project.setEnabled(false);
    save.setId("grant-save");
    save.addClickListener(e -> grant());
    setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    add(role, project, save);
  }

  public void setProjects(List<ProjectChoice> projects) {
    project.setItems(projects);
  }

  /** Preselects a project, as when the users view is opened for one project. */
  public void setProject(ProjectChoice choice) {
    project.setValue(choice);
  }

  private void projectFor(Role selected) {
    boolean projectRole = selected != null && !selected.organizationWide();
    project.setEnabled(projectRole);
    if (!projectRole) {
      project.clear();
    }
  }

  private void grant() {
    if (role.isEmpty()) {
      role.setInvalid(true);
      role.setErrorMessage("Pick a role");
      return;
    }
    role.setInvalid(false);
    var choice = project.getValue();
    fireEvent(new GrantEvent(this, role.getValue(), choice == null ? null : choice.id()));
  }

  public Registration addGrantListener(ComponentEventListener<GrantEvent> listener) {
    return addListener(GrantEvent.class, listener);
  }

  /** Grant this role on this project (null: organization-wide or every project). */
  public static class GrantEvent extends ComponentEvent<GrantForm> {

    private final Role role;
    private final Long projectId;

    GrantEvent(GrantForm source, Role role, Long projectId) {
      super(source, false);
      this.role = role;
      this.projectId = projectId;
    }

    public Role role() {
      return role;
    }

    public Long projectId() {
      return projectId;
    }
  }
}
