package io.capgate.portal.manifests.api;

import io.capgate.model.manifest.ManifestProblem;
import io.capgate.portal.base.api.Problems;
import io.capgate.portal.manifests.ManifestValidationException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An invalid manifest as a 422 problem detail: {@code detail} names the first problem with its
 * line, {@code errors} lists every problem with line and column, as the CLI prints them. It adds
 * to base.api's shared advice (which knows no feature, so base does not depend on manifests) and
 * runs first, before that advice's catch-all.
 */
@RestControllerAdvice(basePackageClasses = ManifestProblemsAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ManifestProblemsAdvice {

  /** One problem of an invalid manifest, 1-based. */
  record ManifestError(int line, int column, String message) {}

  @ExceptionHandler(ManifestValidationException.class)
  ProblemDetail invalidManifest(ManifestValidationException e) {
    List<ManifestProblem> problems = e.problems();
    var problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, detail(problems));
    problem.setTitle("Invalid manifest");
    problem.setProperty("errors",
        problems.stream().map(p -> new ManifestError(p.line(), p.column(), p.message())).toList());
    return problem;
  }

  private static String detail(List<ManifestProblem> problems) {
    if (problems.isEmpty()) {
      return "The manifest is not valid";
    }
    var first = problems.get(0);
    String more = problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more, see errors)";
    return "Line " + first.line() + ", column " + first.column() + ": " + first.message() + more;
  }
}
