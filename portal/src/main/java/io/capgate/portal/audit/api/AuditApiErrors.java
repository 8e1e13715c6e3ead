package io.capgate.portal.audit.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** The audit API's errors as RFC 9457 problem details ({@code application/problem+json}). */
@RestControllerAdvice(assignableTypes = AuditController.class)
class AuditApiErrors {

  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail forbidden(AccessDeniedException e) {
    return problem(HttpStatus.FORBIDDEN, "The audit log needs the ORG_ADMIN or AUDITOR role");
  }

  @ExceptionHandler(AuthenticationException.class)
  ProblemDetail unauthenticated(AuthenticationException e) {
    return problem(HttpStatus.UNAUTHORIZED, "Authenticate with an API token");
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badRequest(IllegalArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
    return problem(HttpStatus.BAD_REQUEST, "Parameter '" + e.getName() + "' has an invalid value");
  }

  private static ProblemDetail problem(HttpStatus status, String detail) {
    var problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(status.getReasonPhrase());
    return problem;
  }
}
