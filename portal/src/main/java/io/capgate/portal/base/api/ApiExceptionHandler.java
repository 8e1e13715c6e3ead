package io.capgate.portal.base.api;

import io.capgate.portal.base.ConflictException;
import io.capgate.portal.base.NotFoundException;
import jakarta.validation.ConstraintViolationException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the portal's REST controllers as an RFC 9457 problem detail. The portal's own
 * exceptions map to their statuses (not found 404, forbidden 403, conflict 409, bad argument 400),
 * Spring MVC's (unreadable body, wrong media type, missing parameter, ...) keep theirs via
 * {@link ResponseEntityExceptionHandler}, and anything unexpected is a 500 whose body carries only
 * an error id to find the stack trace in the log. Features add problem members of their own (a
 * manifest's line and column) with a narrower advice of their {@code api} package.
 */
@RestControllerAdvice(basePackages = "io.capgate.portal")
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return Problems.of(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail forbidden(AccessDeniedException e) {
    return Problems.of(HttpStatus.FORBIDDEN, "You may not do this: " + e.getMessage());
  }

  /** A service found no authenticated caller; the token filter normally answers before this. */
  @ExceptionHandler(AuthenticationException.class)
  ResponseEntity<ProblemDetail> unauthorized(AuthenticationException e) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .body(Problems.of(HttpStatus.UNAUTHORIZED, "Send an API token: Authorization: Bearer cg_..."));
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return Problems.of(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badArgument(IllegalArgumentException e) {
    return Problems.of(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  /** Bean validation of a service method's arguments (e.g. a form record) failed. */
  @ExceptionHandler(ConstraintViolationException.class)
  ProblemDetail constraintViolation(ConstraintViolationException e) {
    var errors = e.getConstraintViolations().stream()
        .map(v -> new InvalidField(v.getPropertyPath().toString(), v.getMessage()))
        .sorted(Comparator.comparing(InvalidField::field))
        .toList();
    return invalid(errors);
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    String errorId = UUID.randomUUID().toString();
    log.error("Unexpected error {} in an API call", errorId, e);
    var problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
        "Something went wrong on our side; the portal's log has the details under error id " + errorId);
    problem.setProperty("errorId", errorId);
    return problem;
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    var tooLarge = RequestBodyLimit.tooLargeCause(e);
    if (tooLarge != null) {
      return handleErrorResponseException(tooLarge, new HttpHeaders(), tooLarge.getStatusCode(), request);
    }
    // Parser messages name Java types and offsets; the client needs to know the body is at fault.
    var problem = Problems.of(HttpStatus.BAD_REQUEST,
        "The request body is missing or is not valid for this endpoint's content type");
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    var errors = e.getBindingResult().getFieldErrors().stream()
        .map(f -> new InvalidField(f.getField(), f.getDefaultMessage()))
        .toList();
    return handleExceptionInternal(e, invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    var errors = e.getParameterValidationResults().stream()
        .flatMap(result -> result.getResolvableErrors().stream()
            .map(error -> new InvalidField(parameterName(result.getMethodParameter()), error.getDefaultMessage())))
        .toList();
    return handleExceptionInternal(e, invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
  }

  /** The parameter's name as the client wrote it: the request parameter, path variable or header. */
  private static String parameterName(MethodParameter parameter) {
    var requestParam = parameter.getParameterAnnotation(RequestParam.class);
    if (requestParam != null && !requestParam.name().isEmpty()) {
      return requestParam.name();
    }
    var pathVariable = parameter.getParameterAnnotation(PathVariable.class);
    if (pathVariable != null && !pathVariable.name().isEmpty()) {
      return pathVariable.name();
    }
    String name = parameter.getParameterName();
    return name != null ? name : "parameter " + parameter.getParameterIndex();
  }

  private static ProblemDetail invalid(List<InvalidField> errors) {
    var problem = Problems.of(HttpStatus.BAD_REQUEST, errors.isEmpty() ? "Invalid request"
        : errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; ")));
    problem.setProperty("errors", errors);
    return problem;
  }

  /** One invalid input: the parameter or field, and what is wrong with it. */
  record InvalidField(String field, String message) {}
}
