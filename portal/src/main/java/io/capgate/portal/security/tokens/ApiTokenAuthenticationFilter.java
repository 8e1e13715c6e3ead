package io.capgate.portal.security.tokens;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer cg_...} on the API chain. A valid token makes its
 * user the caller for this request only (the chain is stateless); an invalid one ends the request
 * with a 401 at once. Without a bearer header the request goes on anonymous, and the chain's
 * authorization rules answer 401 where a token is required.
 */
final class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(ApiTokenAuthenticationFilter.class);
  private static final String BEARER = "Bearer ";

  private final ApiTokenAuthenticator authenticator;
  private final ApiTokenEntryPoint entryPoint;
  private final SecurityContextHolderStrategy contexts;

  ApiTokenAuthenticationFilter(ApiTokenAuthenticator authenticator, ApiTokenEntryPoint entryPoint,
      SecurityContextHolderStrategy contexts) {
    this.authenticator = authenticator;
    this.entryPoint = entryPoint;
    this.contexts = contexts;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      chain.doFilter(request, response);
      return;
    }
    String presented = header.substring(BEARER.length()).strip();
    var user = authenticator.authenticate(presented);
    if (user.isEmpty()) {
      // Never the token itself: at most its public id, which is not a secret.
      log.debug("Refused an API token {} for {} {}", masked(presented), request.getMethod(), request.getRequestURI());
      contexts.clearContext();
      entryPoint.commence(request, response, new BadCredentialsException("Invalid API token"));
      return;
    }
    var context = contexts.createEmptyContext();
    context.setAuthentication(new ApiTokenAuthentication(user.get().withoutPassword(), masked(presented)));
    contexts.setContext(context);
    chain.doFilter(request, response);
  }

  private static String masked(String presented) {
    return TokenFormat.parse(presented).map(TokenFormat.Parts::toString).orElse("(not a Capgate token)");
  }
}
