package io.capgate.portal.security;

import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.audit.AuditEvent.Actor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The form login's authentication: the {@link LoginThrottle} first, then the Argon2id check of
 * {@link UserAccounts}' hash. A refused attempt fails like a wrong password, before any hash is
 * computed. Disabled users fail after the password check, so their timing matches everyone's.
 * The signed-in principal carries no password hash into the session.
 */
@Component
class ThrottledLogin implements AuthenticationManager {

  private static final Logger log = LoggerFactory.getLogger(ThrottledLogin.class);

  private final LoginThrottle throttle;
  private final UserAccounts accounts;
  private final LoginThrottleProperties limits;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;
  private final DaoAuthenticationProvider passwords;

  ThrottledLogin(LoginThrottle throttle, UserAccounts accounts, PasswordEncoder encoder,
      LoginThrottleProperties limits, ApplicationEventPublisher events, TransactionTemplate transactions) {
    this.throttle = throttle;
    this.accounts = accounts;
    this.limits = limits;
    this.events = events;
    this.transactions = transactions;
    this.passwords = new DaoAuthenticationProvider(accounts);
    passwords.setPasswordEncoder(encoder);
    passwords.setPreAuthenticationChecks(user -> { });
    passwords.setPostAuthenticationChecks(user -> {
      if (!user.isEnabled()) {
        throw new DisabledException("User is disabled");
      }
    });
  }

  @Override
  public Authentication authenticate(Authentication request) throws AuthenticationException {
    var attempt = throttle.begin(request.getName(), clientOf(request));
    if (!attempt.permitted()) {
      throw new BadCredentialsException("Bad credentials");
    }
    Authentication result;
    try {
      result = passwords.authenticate(request);
    } catch (AuthenticationException e) {
      var failure = throttle.failed(attempt);
      if (failure == LoginThrottle.Failure.LOCKED_USERNAME || failure == LoginThrottle.Failure.LOCKED_CLIENT) {
        recordLock(attempt, failure);
      }
      throw e;
    }
    throttle.succeeded(attempt);
    return signedIn(result, request);
  }

  /** The session keeps the user without the hash; Spring's credential erasing does not reach records. */
  private static Authentication signedIn(Authentication result, Authentication request) {
    var user = ((CapgateUser) result.getPrincipal()).withoutPassword();
    var token = UsernamePasswordAuthenticationToken.authenticated(user, null, result.getAuthorities());
    token.setDetails(request.getDetails());
    return token;
  }

  private static String clientOf(Authentication request) {
    return request.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
        ? details.getRemoteAddress() : "unknown";
  }

  /** A lock on an existing user goes to their organization's audit log; unknown names are only logged. */
  private void recordLock(LoginThrottle.Attempt attempt, LoginThrottle.Failure failure) {
    try {
      transactions.executeWithoutResult(status -> accounts.findByUsername(attempt.username()).ifPresent(user -> {
        var after = new LinkedHashMap<String, Object>();
        after.put("username", user.username());
        after.put("lockedBy", failure == LoginThrottle.Failure.LOCKED_USERNAME ? "username" : "client");
        after.put("client", attempt.client());
        after.put("failuresAllowed", failure == LoginThrottle.Failure.LOCKED_USERNAME
            ? limits.failuresPerUsername() : limits.failuresPerClient());
        after.put("window", limits.window().toString());
        events.publishEvent(new AuditEvent(user.organizationId(), Actor.system("login-throttle"), "login.throttled",
            "user", Long.toString(user.id()), Map.of(), after));
      }));
    } catch (RuntimeException e) {
      // The sign-in fails either way; a lost audit row must not turn it into a server error.
      log.error("Could not audit the sign-in lock of '{}'", attempt.username(), e);
    }
  }
}
