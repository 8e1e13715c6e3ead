package io.capgate.portal.security.tokens;

import io.capgate.portal.base.api.ProblemResponseWriter;
import io.capgate.portal.base.api.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * How the API says "who are you?" and "not allowed": a 401 or 403 problem detail, with the
 * {@code WWW-Authenticate: Bearer} challenge of RFC 6750 on 401. An unknown, wrong, revoked or
 * expired token and a disabled user's token all get the same answer, so a caller learns nothing
 * about which it was.
 */
final class ApiTokenEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

  static final String MISSING = "This API needs an API token: send the header 'Authorization: Bearer cg_...'."
      + " Create one on the portal's API tokens page.";
  static final String INVALID = "The API token is not valid: it is unknown, revoked or expired, or its user"
      + " is disabled. Create a new one on the portal's API tokens page.";

  private final ProblemResponseWriter writer;

  ApiTokenEntryPoint(ProblemResponseWriter writer) {
    this.writer = writer;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    boolean invalid = e instanceof BadCredentialsException;
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
        invalid ? "Bearer realm=\"capgate\", error=\"invalid_token\"" : "Bearer realm=\"capgate\"");
    writer.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, invalid ? INVALID : MISSING));
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    writer.write(request, response, Problems.of(HttpStatus.FORBIDDEN, "You may not do this"));
  }
}
