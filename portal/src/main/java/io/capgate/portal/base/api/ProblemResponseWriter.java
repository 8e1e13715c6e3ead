package io.capgate.portal.base.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem detail straight to a servlet response, for errors raised before Spring MVC
 * runs (authentication filters and entry points), so they look exactly like the controllers' errors.
 */
@Component
public class ProblemResponseWriter {

  private final JsonMapper json;

  ProblemResponseWriter(JsonMapper json) {
    this.json = json;
  }

  /** Sets the status and content type and writes the problem; the instance defaults to the request path. */
  public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
      throws IOException {
    if (problem.getInstance() == null) {
      try {
        problem.setInstance(URI.create(request.getRequestURI()));
      } catch (IllegalArgumentException e) {
        // A path the URI grammar rejects is left out rather than echoed back.
      }
    }
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), Problems.toMap(problem));
  }
}
