package io.capgate.portal.base.ui;

import io.capgate.portal.base.ConflictException;
import io.capgate.portal.base.NotFoundException;
import jakarta.validation.ConstraintViolationException;
import org.springframework.security.access.AccessDeniedException;

/**
 * What to tell the user when a service refuses an action. Only the refusals services make on
 * purpose (no permission, a clash with the current state, bad input) are shown as they are;
 * anything else is a bug and is rethrown to Vaadin's error handling.
 */
public final class Refusals {

  private Refusals() {}

  /** The refusal's message, or rethrows {@code e} when it is not a refusal. */
  public static String message(RuntimeException e) {
    if (e instanceof AccessDeniedException || e instanceof ConflictException || e instanceof NotFoundException
        || e instanceof IllegalArgumentException || e instanceof IllegalStateException
        || e instanceof ConstraintViolationException) {
      return e.getMessage();
    }
    throw e;
  }

  /** Runs an action and shows a refusal as an error notification; true when the action went through. */
  public static boolean attempt(Runnable action) {
    try {
      action.run();
      return true;
    } catch (RuntimeException e) {
      Notifications.error(message(e));
      return false;
    }
  }
}
