package io.capgate.portal.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/**
 * What an admin fills in to create a user; the portal makes up the first password. Usernames are
 * unique across organizations, so the sign-in form needs no organization field.
 */
public record NewUser(
    @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{1,63}",
        message = "2 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit")
    String username,
    @NotBlank @Size(max = 200) String displayName) {

  public NewUser {
    username = username == null ? null : username.strip().toLowerCase(Locale.ROOT);
    displayName = displayName == null ? null : displayName.strip();
  }
}
