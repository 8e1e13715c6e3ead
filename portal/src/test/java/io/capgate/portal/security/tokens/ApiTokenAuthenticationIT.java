package io.capgate.portal.security.tokens;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.capgate.portal.base.api.ProblemResponseWriter;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The bearer filter on the real filter chain: who a token makes the caller, and how refusals look. */
@PortalTest
class ApiTokenAuthenticationIT {

  @Autowired WebApplicationContext context;
  @Autowired ApiTokens tokens;
  @Autowired ApiTokenAuthenticator authenticator;
  @Autowired ProblemResponseWriter problems;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  MockMvc mvc;

  @BeforeEach
  void setUp() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
  }

  @Test
  void withoutATokenTheApiAnswers401WithABearerChallengeAndAProblemDetail() throws Exception {
    var result = mvc.perform(get("/api/v1/services/1/manifests"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"capgate\""))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(401))
        .andExpect(jsonPath("$.title").value("Unauthorized"))
        .andExpect(jsonPath("$.detail").value(ApiTokenEntryPoint.MISSING))
        .andExpect(jsonPath("$.instance").value("/api/v1/services/1/manifests"))
        .andReturn();

    assertThat(result.getResponse().getHeader("Set-Cookie")).isNull();
    assertThat(result.getRequest().getSession(false)).isNull();
  }

  @Test
  void aPasswordIsNotAnApiCredential() throws Exception {
    var user = fixtures.aUser(fixtures.anOrganization());

    mvc.perform(get("/api/v1/services/1/manifests").with(r -> {
      r.addHeader("Authorization", "Basic " + java.util.Base64.getEncoder()
          .encodeToString((user.username() + ":" + Fixtures.PASSWORD).getBytes()));
      return r;
    })).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value(ApiTokenEntryPoint.MISSING));
  }

  @Test
  void unknownRevokedExpiredAndDisabledUsersTokensAllGetTheSameAnswer() throws Exception {
    long org = fixtures.anOrganization();
    var user = fixtures.aUser(org, Role.DEVELOPER);
    var disabled = fixtures.aUser(org, Role.DEVELOPER);
    var revoked = as(user, () -> tokens.create("revoked", null));
    as(user, () -> tokens.revoke(revoked.token().id()));
    var expired = as(user, () -> tokens.create("expired", java.time.Instant.now().plusSeconds(3600)));
    jdbc.sql("update api_tokens set created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'"
        + " where id = ?").param(expired.token().id()).update();
    var ofDisabled = as(disabled, () -> tokens.create("ci", null));
    jdbc.sql("update users set enabled = false where id = ?").param(disabled.id()).update();

    String unknown = "cg_aaaaaaaaaaaaaaaa_" + "a".repeat(52);
    for (String token : new String[] {unknown, "not-a-token", revoked.value(), expired.value(), ofDisabled.value()}) {
      refused(token)
          .andExpect(status().isUnauthorized())
          .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"capgate\", error=\"invalid_token\""))
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.status").value(401))
          .andExpect(jsonPath("$.detail").value(ApiTokenEntryPoint.INVALID));
    }
  }

  @Test
  void theOpenApiDescriptionNeedsNoToken() throws Exception {
    mvc.perform(get("/api/v1/openapi")).andExpect(status().isOk());
  }

  @Test
  void aValidTokenMakesItsUserTheCallerForThatRequestOnly() throws Exception {
    var user = fixtures.aUser(fixtures.anOrganization(), Role.DEVELOPER);
    var created = as(user, () -> tokens.create("ci", null));
    var seen = new AtomicReference<Object>();
    var chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
      @Override
      protected void service(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        seen.set(SecurityContextHolder.getContext().getAuthentication().getPrincipal());
      }
    });
    var request = new MockHttpServletRequest("GET", "/api/v1/services/1/manifests");
    request.addHeader("Authorization", "Bearer " + created.value());
    var response = new MockHttpServletResponse();
    var filter = new ApiTokenAuthenticationFilter(authenticator, new ApiTokenEntryPoint(problems),
        SecurityContextHolder.getContextHolderStrategy());

    try {
      filter.doFilter(request, response, chain);
    } finally {
      SecurityContextHolder.clearContext();
    }

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(seen.get()).isInstanceOf(CapgateUser.class);
    assertThat(((CapgateUser) seen.get()).id()).isEqualTo(user.id());
    assertThat(((CapgateUser) seen.get()).getPassword()).isEmpty();
  }

  private ResultActions refused(String token) throws Exception {
    return mvc.perform(get("/api/v1/services/1/manifests").header("Authorization", "Bearer " + token));
  }
}
