package io.capgate.portal.base.ui;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bean Validation messages keyed by field name, for forms that show them next to their fields:
 * the same constraints as the services check, found before the request (so forms test without
 * Spring), and the service's own {@link ConstraintViolationException} when it still refuses.
 */
public final class FieldErrors {

  private FieldErrors() {}

  /** The violations of a form record's constraints, by record component name; empty when valid. */
  public static Map<String, String> validate(Object form) {
    return byField(ValidatorHolder.VALIDATOR.validate(form));
  }

  /** A service's method validation failure, by the name of the form field it is about. */
  public static Map<String, String> of(ConstraintViolationException e) {
    return byField(e.getConstraintViolations());
  }

  private static Map<String, String> byField(Collection<? extends ConstraintViolation<?>> violations) {
    var errors = new LinkedHashMap<String, String>();
    violations.forEach(v -> errors.merge(leaf(v.getPropertyPath()), v.getMessage(), (a, b) -> a + "; " + b));
    return errors;
  }

  private static String leaf(Path path) {
    String name = "";
    for (Path.Node node : path) {
      name = node.getName() == null ? name : node.getName();
    }
    return name;
  }

  /** One validator for the JVM, built on first use. */
  private static final class ValidatorHolder {
    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
  }
}
