package io.capgate.portal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends the session of a user who was disabled (or deleted) after signing in, at their next request,
 * and sends them to the sign-in page, where they can no longer get in. Runs after Spring
 * Security's filters (Boot registers it with the lowest precedence), once the session's user is known.
 */
@Component
class DisabledUserFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(DisabledUserFilter.class);

  private final UserAccounts accounts;

  DisabledUserFilter(UserAccounts accounts) {
    this.accounts = accounts;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var session = request.getSession(false);
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (session != null && authentication != null && authentication.getPrincipal() instanceof CapgateUser user
        && !accounts.isEnabled(user.id())) {
      log.info("Ended the session of disabled user '{}'", user.username());
      session.invalidate();
      SecurityContextHolder.clearContext();
      response.sendRedirect(request.getContextPath() + "/login");
      return;
    }
    chain.doFilter(request, response);
  }
}
