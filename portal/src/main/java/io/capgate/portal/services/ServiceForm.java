package io.capgate.portal.services;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a person fills in to register or edit a service. Exactly one of {@code matchExecutable}
 * and {@code systemdUnit} is set; {@link ServiceRegistry} says which is missing.
 */
public record ServiceForm(
    @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}",
        message = "letters, digits, '.', '_' and '-', starting with a letter or digit") String name,
    @Size(max = 2000) String description,
    @Pattern(regexp = "https?://\\S+", message = "an http(s) URL") String repositoryUrl,
    @Size(max = 200) String owner,
    @NotBlank @Pattern(regexp = "cpython-3\\.(11|12|13|14)", message = "one of cpython-3.11 ... cpython-3.14")
    String interpreter,
    @Pattern(regexp = "/\\S*", message = "an absolute path") String matchExecutable,
    @Size(max = 500) String matchArguments,
    @Pattern(regexp = "[A-Za-z0-9@._:-]+\\.service", message = "a unit name ending in .service") String systemdUnit) {

  public ServiceForm {
    name = strip(name);
    description = description == null ? "" : description.strip();
    repositoryUrl = blankToNull(repositoryUrl);
    owner = owner == null ? "" : owner.strip();
    interpreter = strip(interpreter);
    matchExecutable = blankToNull(matchExecutable);
    matchArguments = blankToNull(matchArguments);
    systemdUnit = blankToNull(systemdUnit);
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
