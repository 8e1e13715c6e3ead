package io.capgate.portal.projects;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What a person fills in to create or edit a project. */
public record ProjectForm(
    @NotBlank @Size(max = 100) String name,
    @Size(max = 2000) String description,
    @Min(1) @Max(5) int requiredApprovals,
    boolean separateActivation) {

  public ProjectForm {
    name = name == null ? null : name.strip();
    description = description == null ? "" : description.strip();
  }
}
