package io.capgate.portal.security.tokens;

import io.capgate.portal.base.api.ProblemResponseWriter;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Plugs API-token authentication into a filter chain: the bearer filter, and 401/403 answers as
 * problem details. Apply it to the stateless {@code /api/**} chain with
 * {@code http.with(ApiTokenSecurity.apiTokens(), Customizer.withDefaults())}.
 */
public final class ApiTokenSecurity extends AbstractHttpConfigurer<ApiTokenSecurity, HttpSecurity> {

  private ApiTokenEntryPoint entryPoint;

  private ApiTokenSecurity() {}

  public static ApiTokenSecurity apiTokens() {
    return new ApiTokenSecurity();
  }

  @Override
  public void init(HttpSecurity http) {
    entryPoint = new ApiTokenEntryPoint(bean(http, ProblemResponseWriter.class));
    http.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(entryPoint));
  }

  @Override
  public void configure(HttpSecurity http) {
    var filter = new ApiTokenAuthenticationFilter(bean(http, ApiTokenAuthenticator.class), entryPoint,
        getSecurityContextHolderStrategy());
    http.addFilterBefore(filter, AnonymousAuthenticationFilter.class);
  }

  private static <T> T bean(HttpSecurity http, Class<T> type) {
    return http.getSharedObject(ApplicationContext.class).getBean(type);
  }
}
