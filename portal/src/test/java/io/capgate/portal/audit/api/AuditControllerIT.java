package io.capgate.portal.audit.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.audit.AuditEvent.Actor;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;

/** {@code /api/v1/audit} with a signed-in principal; API token authentication is tested where it is built. */
@PortalTest
class AuditControllerIT {

  @Autowired WebApplicationContext context;
  @Autowired Fixtures fixtures;
  @Autowired ApplicationEventPublisher events;
  @Autowired PlatformTransactionManager transactions;

  private MockMvc mvc;
  private long org;

  @BeforeEach
  void threeRows() {
    // Built from the shared context rather than @AutoConfigureMockMvc, which would start another one.
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    org = fixtures.anOrganization();
    new TransactionTemplate(transactions).executeWithoutResult(s -> {
      for (String action : new String[] {"project.created", "service.created", "project.updated"}) {
        events.publishEvent(new AuditEvent(org, Actor.user(1, "alice"), action, action.split("\\.")[0], "1",
            Map.of(), Map.of("by", action)));
      }
    });
  }

  @Test
  void verifyReportsAValidChain() throws Exception {
    var auditor = fixtures.aUser(org, Role.AUDITOR);

    mvc.perform(get("/api/v1/audit/verify").with(user(auditor)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("VALID"))
        .andExpect(jsonPath("$.rows").value(3))
        .andExpect(jsonPath("$.headSeq").value(3))
        .andExpect(jsonPath("$.anchoredSeq").value(3))
        .andExpect(jsonPath("$.organizationId").value(org));
  }

  @Test
  void pagesFollowNextBeforeToTheEnd() throws Exception {
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);

    mvc.perform(get("/api/v1/audit").param("limit", "2").with(user(admin)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries", hasSize(2)))
        .andExpect(jsonPath("$.entries[0].seq").value(3))
        .andExpect(jsonPath("$.entries[0].action").value("project.updated"))
        .andExpect(jsonPath("$.entries[0].after.by").value("project.updated"))
        .andExpect(jsonPath("$.nextBefore").value(2));
    mvc.perform(get("/api/v1/audit").param("limit", "2").param("before", "2").with(user(admin)))
        .andExpect(jsonPath("$.entries", hasSize(1)))
        .andExpect(jsonPath("$.entries[0].seq").value(1))
        .andExpect(jsonPath("$.nextBefore").doesNotExist());
    mvc.perform(get("/api/v1/audit").param("action", "project.").with(user(admin)))
        .andExpect(jsonPath("$.entries", hasSize(2)));
  }

  @Test
  void anotherOrganizationSeesNoneOfTheseRows() throws Exception {
    var stranger = fixtures.aUser(fixtures.anOrganization(), Role.ORG_ADMIN);

    mvc.perform(get("/api/v1/audit").with(user(stranger)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.entries", hasSize(0)));
    mvc.perform(get("/api/v1/audit/verify").with(user(stranger)))
        .andExpect(jsonPath("$.rows").value(0));
  }

  @Test
  void aUserWithoutTheRoleGetsAForbiddenProblem() throws Exception {
    var developer = fixtures.aUser(org, Role.DEVELOPER);

    mvc.perform(get("/api/v1/audit/verify").with(user(developer)))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(403))
        .andExpect(jsonPath("$.title").value("Forbidden"))
        .andExpect(jsonPath("$.detail").value(containsString("AUDITOR")));
  }

  @Test
  void badParametersGetBadRequestProblems() throws Exception {
    var auditor = fixtures.aUser(org, Role.AUDITOR);

    mvc.perform(get("/api/v1/audit").param("limit", "0").with(user(auditor)))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value(containsString("limit")));
    mvc.perform(get("/api/v1/audit").param("before", "yesterday").with(user(auditor)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(containsString("before")));
    mvc.perform(get("/api/v1/audit").param("from", "2026-01-02T00:00:00Z").param("to", "2026-01-01T00:00:00Z")
            .with(user(auditor)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(containsString("time range")));
  }

  @Test
  void anAnonymousRequestReadsNothing() throws Exception {
    mvc.perform(get("/api/v1/audit/verify"))
        .andExpect(status().is4xxClientError())
        .andExpect(jsonPath("$.rows").doesNotExist());
  }
}
