package io.capgate.portal.localagent;

import io.capgate.portal.security.CapgateUser;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** Runs setup steps as the local account, so the features' own authorization and audit apply to them. */
final class RunAs {

  private RunAs() {}

  static <T> T account(CapgateUser account, Supplier<T> step) {
    SecurityContext previous = SecurityContextHolder.getContext();
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(account, null,
        account.getAuthorities()));
    SecurityContextHolder.setContext(context);
    try {
      return step.get();
    } finally {
      SecurityContextHolder.setContext(previous);
    }
  }
}
