package io.capgate.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The form login through the real filter chain: wrong and right passwords, session fixation,
 * throttling per username and per client, disabled users, logout and CSRF. Each test signs in from
 * its own client address, since the throttle is shared by the whole context.
 */
@PortalTest
@RecordApplicationEvents
class SignInIT {

  private static final String WRONG = "not the password at all";

  @Autowired WebApplicationContext context;
  @Autowired DisabledUserFilter disabledUsers;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationEvents events;
  @Autowired Environment environment;
  private MockMvc mvc;
  private final String client = uniqueAddress();

  @BeforeEach
  void setUp() {
    // MockMvc has no Vaadin servlet: a last filter answers for it, behind the same filters as in the portal.
    Filter vaadinServlet = (request, response, chain) -> ((HttpServletResponse) response).setStatus(200);
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity())
        .addFilters(disabledUsers, vaadinServlet).build();
  }

  @Test
  void aWrongPasswordGoesBackToTheFormAndTheRightOneGetsAFreshSessionWithoutTheHash() throws Exception {
    var user = fixtures.aUser(fixtures.anOrganization());
    var session = new MockHttpSession();
    String anonymousId = session.getId();

    signIn(user.username(), WRONG, client, session).andExpect(redirectedUrl("/login?error"));
    signIn(user.username(), Fixtures.PASSWORD, client, session).andExpect(status().is3xxRedirection())
        .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).doesNotContain("error"));

    assertThat(session.getId()).as("session fixation protection").isNotEqualTo(anonymousId);
    var signedIn = (CapgateUser) securityContext(session).getAuthentication().getPrincipal();
    assertThat(signedIn.id()).isEqualTo(user.id());
    assertThat(signedIn.getPassword()).isEmpty();
  }

  @Test
  void fiveFailuresLockTheUsernameSoEvenTheRightPasswordFailsFromAnyClientAndTheLockIsAudited() throws Exception {
    var user = fixtures.aUser(fixtures.anOrganization());
    for (int i = 0; i < 5; i++) {
      signIn(user.username(), WRONG, client, new MockHttpSession()).andExpect(redirectedUrl("/login?error"));
    }

    signIn(user.username(), Fixtures.PASSWORD, client, new MockHttpSession()).andExpect(redirectedUrl("/login?error"));
    signIn(user.username().toUpperCase(), Fixtures.PASSWORD, uniqueAddress(), new MockHttpSession())
        .andExpect(redirectedUrl("/login?error"));
    var locks = events.stream(AuditEvent.class).filter(e -> e.action().equals("login.throttled")).toList();
    assertThat(locks).singleElement().satisfies(lock -> {
      assertThat(lock.organizationId()).isEqualTo(user.organizationId());
      assertThat(lock.objectId()).isEqualTo(Long.toString(user.id()));
      assertThat(lock.after()).containsEntry("lockedBy", "username").containsEntry("client", client)
          .doesNotContainValue(WRONG);
    });
  }

  @Test
  void anUnknownUsernameIsThrottledAndFailsExactlyLikeAKnownOne() throws Exception {
    String ghost = "ghost-" + Fixtures.unique();
    for (int i = 0; i < 6; i++) {
      signIn(ghost, WRONG, client, new MockHttpSession()).andExpect(redirectedUrl("/login?error"));
    }

    assertThat(throttle().begin(ghost, uniqueAddress()).permitted()).isFalse();
    assertThat(events.stream(AuditEvent.class)).noneMatch(e -> e.action().equals("login.throttled"));
  }

  @Test
  void twentyFailuresFromOneClientLockItForEveryUsernameButNotOtherClients() throws Exception {
    var user = fixtures.aUser(fixtures.anOrganization());
    for (int i = 0; i < 20; i++) {
      signIn("nobody-" + Fixtures.unique(), WRONG, client, new MockHttpSession());
    }

    signIn(user.username(), Fixtures.PASSWORD, client, new MockHttpSession()).andExpect(redirectedUrl("/login?error"));
    signIn(user.username(), Fixtures.PASSWORD, uniqueAddress(), new MockHttpSession())
        .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).doesNotContain("error"));
  }

  @Test
  void aSuccessfulSignInForgivesEarlierFailures() throws Exception {
    var user = fixtures.aUser(fixtures.anOrganization());
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 4; i++) {
        signIn(user.username(), WRONG, client, new MockHttpSession()).andExpect(redirectedUrl("/login?error"));
      }
      signIn(user.username(), Fixtures.PASSWORD, client, new MockHttpSession())
          .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).doesNotContain("error"));
    }
  }

  @Test
  void aDisabledUserCannotSignInAndLosesTheSessionTheyHad() throws Exception {
    var user = fixtures.aUser(fixtures.anOrganization());
    var session = new MockHttpSession();
    signIn(user.username(), Fixtures.PASSWORD, client, session).andExpect(status().is3xxRedirection());
    // Any request that passes the security filters will do, as Vaadin's own requests do.
    mvc.perform(get("/login").session(session)).andExpect(status().isOk());

    jdbc.sql("update users set enabled = false where id = ?").param(user.id()).update();

    mvc.perform(get("/login").session(session)).andExpect(redirectedUrl("/login"));
    assertThat(session.isInvalid()).isTrue();
    signIn(user.username(), Fixtures.PASSWORD, client, new MockHttpSession()).andExpect(redirectedUrl("/login?error"));
  }

  @Test
  void logoutEndsTheSessionAndNeedsTheCsrfToken() throws Exception {
    var user = fixtures.aUser(fixtures.anOrganization());
    var session = new MockHttpSession();
    signIn(user.username(), Fixtures.PASSWORD, client, session).andExpect(status().is3xxRedirection());

    mvc.perform(post("/logout").session(session)).andExpect(status().isForbidden());
    assertThat(session.isInvalid()).isFalse();
    mvc.perform(post("/logout").with(csrf()).session(session)).andExpect(status().is3xxRedirection());
    assertThat(session.isInvalid()).isTrue();
  }

  @Test
  void sessionCookiesAreHttpOnlyAndSameSite() {
    assertThat(environment.getProperty("server.servlet.session.cookie.http-only", Boolean.class)).isTrue();
    assertThat(environment.getProperty("server.servlet.session.cookie.same-site")).isEqualToIgnoringCase("lax");
  }

  @Test
  void anAnonymousRequestForAViewIsSentToTheSignInForm() throws Exception {
    mvc.perform(get("/projects")).andExpect(status().is3xxRedirection())
        .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).endsWith("/login"));
  }

  private ResultActions signIn(String username, String password, String address, MockHttpSession session)
      throws Exception {
    return mvc.perform(post("/login").param("username", username).param("password", password)
        .with(from(address)).session(session));
  }

  private LoginThrottle throttle() {
    return context.getBean(LoginThrottle.class);
  }

  private static SecurityContext securityContext(MockHttpSession session) {
    return (SecurityContext) session.getAttribute("SPRING_SECURITY_CONTEXT");
  }

  private static RequestPostProcessor from(String address) {
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }

  /** A documentation-range IPv6 address no other test uses. */
  private static String uniqueAddress() {
    long n = Fixtures.unique();
    return "2001:db8::%x:%x".formatted(n >>> 16, n & 0xffff);
  }
}
