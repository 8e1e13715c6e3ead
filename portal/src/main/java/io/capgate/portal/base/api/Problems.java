package io.capgate.portal.base.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds the RFC 9457 problem details every API error is answered with. Titles are the status's
 * reason phrase; {@code detail} says what was wrong in a sentence a person can act on, and never
 * carries a stack trace or a secret.
 */
public final class Problems {

  private static final URI BLANK = URI.create("about:blank");

  private Problems() {}

  /** A problem with the status's reason phrase as its title. */
  public static ProblemDetail of(HttpStatusCode status, String detail) {
    return ProblemDetail.forStatusAndDetail(status, detail);
  }

  /**
   * The problem's members as a JSON object's fields, extension members ({@code errors}, ...) at
   * the top level as RFC 9457 wants them: for writers outside Spring MVC's message converters.
   */
  public static Map<String, Object> toMap(ProblemDetail problem) {
    var fields = new LinkedHashMap<String, Object>();
    URI type = problem.getType();
    // about:blank is the default a reader assumes; Spring MVC leaves it out too.
    if (type != null && !BLANK.equals(type)) {
      fields.put("type", type.toString());
    }
    fields.put("title", problem.getTitle());
    fields.put("status", problem.getStatus());
    if (problem.getDetail() != null) {
      fields.put("detail", problem.getDetail());
    }
    if (problem.getInstance() != null) {
      fields.put("instance", problem.getInstance().toString());
    }
    if (problem.getProperties() != null) {
      problem.getProperties().forEach(fields::putIfAbsent);
    }
    return fields;
  }
}
