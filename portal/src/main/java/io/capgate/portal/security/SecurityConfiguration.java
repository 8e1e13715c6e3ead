package io.capgate.portal.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.capgate.portal.security.tokens.ApiTokenSecurity;
import io.capgate.portal.security.ui.LoginView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two filter chains: {@code /api/**} is stateless and authenticated by API tokens (no session, no
 * cookies, so no CSRF); everything else is the Vaadin UI with a form login, session and CSRF
 * protection as Vaadin's configurer sets them. Method security is on: services check roles too.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain apiFilterChain(HttpSecurity http) throws Exception {
    return http.securityMatcher("/api/**")
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .authorizeHttpRequests(a -> a
            .requestMatchers("/api/v1/openapi/**", "/api/v1/openapi", "/api/v1/docs/**", "/api/v1/docs",
                "/api/v1/swagger-ui/**").permitAll()
            .anyRequest().authenticated())
        .with(ApiTokenSecurity.apiTokens(), Customizer.withDefaults())
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain uiFilterChain(HttpSecurity http, ThrottledLogin login) throws Exception {
    return http
        // The form login is throttled per username and client before any password hash is computed.
        .authenticationManager(login)
        .headers(h -> h.frameOptions(f -> f.deny()))
        .with(VaadinSecurityConfigurer.vaadin(), c -> c.loginView(LoginView.class))
        .build();
  }
}
