package io.capgate.portal.manifests.api;

import static io.capgate.portal.testing.Fixtures.aManifestYaml;
import static io.capgate.portal.testing.Fixtures.aManifestYamlWith;
import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.security.tokens.ApiTokens;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Upload and read manifests through the API, as CI would: a bearer token on the real filter chain. */
@PortalTest
class ManifestApiIT {

  static final MediaType YAML = MediaType.parseMediaType("application/yaml");

  @Autowired WebApplicationContext context;
  @Autowired ApiTokens tokens;
  @Autowired Approvals approvals;
  @Autowired Fixtures fixtures;
  MockMvc mvc;
  long org;
  long project;
  long service;
  CapgateUser developer;
  String token;

  @BeforeEach
  void setUp() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    org = fixtures.anOrganization();
    project = fixtures.aProject(org);
    service = fixtures.aService(project);
    developer = member(Role.DEVELOPER);
    token = tokenOf(developer);
  }

  @Test
  void aValidUploadIsCreatedForReviewWithItsDiffAndReviewLink() throws Exception {
    upload(aManifestYaml(), "first manifest")
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "http://localhost/api/v1/services/" + service + "/manifests/1"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.created").value(true))
        .andExpect(jsonPath("$.serviceId").value(service))
        .andExpect(jsonPath("$.version").value(1))
        .andExpect(jsonPath("$.id").isNumber())
        .andExpect(jsonPath("$.state").value("IN_REVIEW"))
        .andExpect(jsonPath("$.hash").value(startsWith("sha256:")))
        .andExpect(jsonPath("$.reviewUrl").value("http://localhost/services/" + service + "/versions/1"))
        .andExpect(jsonPath("$.diff.fromVersion").doesNotExist())
        .andExpect(jsonPath("$.diff.toVersion").value(1))
        .andExpect(jsonPath("$.diff.empty").value(false))
        .andExpect(jsonPath("$.diff.risky").value(true))
        .andExpect(jsonPath("$.diff.modules[?(@.module == 'app.main')].status").value(hasItem("added")))
        .andExpect(jsonPath("$.diff.modules[?(@.module == 'app.main')].exec.added[0].name")
            .value(hasItem("/usr/bin/git")))
        .andExpect(jsonPath("$.diff.modules[?(@.module == 'app.main')].exec.added[0].risky").value(hasItem(true)))
        .andExpect(jsonPath("$.diff.text").value(containsString("+ app.main")));
  }

  @Test
  void theDiffIsAgainstTheActiveVersionAndFlagsRiskyAdditions() throws Exception {
    activate(1, aManifestYaml());

    upload(aManifestYamlWith("app.main", "proc.spawn", "io"), "needs to spawn workers")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.version").value(2))
        .andExpect(jsonPath("$.diff.fromVersion").value(1))
        .andExpect(jsonPath("$.diff.risky").value(true))
        .andExpect(jsonPath("$.diff.modules.length()").value(1))
        .andExpect(jsonPath("$.diff.modules[0].module").value("app.main"))
        .andExpect(jsonPath("$.diff.modules[0].status").value("changed"))
        .andExpect(jsonPath("$.diff.modules[0].capabilities.added[0].name").value("proc.spawn"))
        .andExpect(jsonPath("$.diff.modules[0].capabilities.added[0].risky").value(true))
        .andExpect(jsonPath("$.diff.modules[0].capabilities.removed.length()").value(0))
        .andExpect(jsonPath("$.diff.text").value(containsString("proc.spawn")));
  }

  @Test
  void anInvalidManifestIs422WithEveryProblemsLineAndColumn() throws Exception {
    String yaml = aManifestYaml().replace("[net.listen]", "[net.listne]");

    upload(yaml, "typo")
        .andExpect(status().isUnprocessableContent())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Invalid manifest"))
        .andExpect(jsonPath("$.status").value(422))
        .andExpect(jsonPath("$.detail").value(startsWith("Line 18, column 20: ")))
        .andExpect(jsonPath("$.detail").value(containsString("net.listne")))
        .andExpect(jsonPath("$.errors.length()").value(1))
        .andExpect(jsonPath("$.errors[0].line").value(18))
        .andExpect(jsonPath("$.errors[0].column").value(20))
        .andExpect(jsonPath("$.errors[0].message").value(containsString("net.listne")))
        .andExpect(jsonPath("$.trace").doesNotExist());
    list().andExpect(jsonPath("$.total").value(0));
  }

  @Test
  void everyProblemIsListedAndTheDetailSaysHowManyMore() throws Exception {
    String yaml = aManifestYaml().replace("service: fastapi-demo", "sevrice: fastapi-demo");

    upload(yaml, "typo")
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.detail").value(containsString("(and 1 more, see errors)")))
        .andExpect(jsonPath("$.errors.length()").value(2))
        .andExpect(jsonPath("$.errors[?(@.line == 2)].message").value(hasItem(containsString("did you mean 'service'"))));
  }

  @Test
  void aBodyThatIsNotUtf8IsAnInvalidManifest() throws Exception {
    mvc.perform(post(manifests() + "?reason=x").header("Authorization", "Bearer " + token).contentType(YAML)
            .content(new byte[] {'a', ':', ' ', (byte) 0xff, '\n'}))
        .andExpect(status().isUnprocessableContent())
        .andExpect(jsonPath("$.errors[0].message").value("the body is not valid UTF-8"));
  }

  @Test
  void anIdenticalReUploadCreatesNothing() throws Exception {
    upload(aManifestYaml(), "first").andExpect(status().isCreated());

    upload("# same content, other formatting\n" + aManifestYaml(), "again")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.created").value(false))
        .andExpect(jsonPath("$.version").value(1));
    list().andExpect(jsonPath("$.total").value(1));
  }

  @Test
  void aJsonBodyUploadsToo() throws Exception {
    String body = "{\"content\": " + jsonString(aManifestYaml()) + ", \"reason\": \"from a script\"}";

    mvc.perform(post(manifests()).header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.version").value(1));
    mvc.perform(post(manifests()).header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": \"no content\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("content"));
    mvc.perform(post(manifests()).header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON).content("{not json"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void aReasonIsRequired() throws Exception {
    mvc.perform(post(manifests()).header("Authorization", "Bearer " + token).contentType(YAML)
            .content(aManifestYaml()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(containsString("reason")));
    upload(aManifestYaml(), " ").andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(containsString("reason is required")));
  }

  @Test
  void anotherOrganizationsServiceIsNotFound() throws Exception {
    long otherOrg = fixtures.anOrganization();
    var stranger = fixtures.aUser(otherOrg, Role.DEVELOPER);
    fixtures.grant(stranger, fixtures.aProject(otherOrg), Role.DEVELOPER);

    mvc.perform(post(manifests() + "?reason=x").header("Authorization", "Bearer " + tokenOf(stranger))
            .contentType(YAML).content(aManifestYaml()))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("Service " + service + " not found"));
    mvc.perform(get(manifests()).header("Authorization", "Bearer " + tokenOf(stranger)))
        .andExpect(status().isNotFound());
  }

  @Test
  void aReviewerCannotUpload() throws Exception {
    var reviewer = member(Role.REVIEWER);

    mvc.perform(post(manifests() + "?reason=x").header("Authorization", "Bearer " + tokenOf(reviewer))
            .contentType(YAML).content(aManifestYaml()))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(403));
  }

  @Test
  void theActiveManifestReadsAsJsonOrYaml() throws Exception {
    mvc.perform(get(manifests() + "/active").header("Authorization", "Bearer " + token))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value(containsString("active manifest")));
    String yaml = "# the active one\n" + aManifestYaml();
    activate(1, yaml);

    mvc.perform(get(manifests() + "/active").header("Authorization", "Bearer " + token))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.version").value(1))
        .andExpect(jsonPath("$.state").value("ACTIVE"))
        .andExpect(jsonPath("$.content").value(yaml))
        .andExpect(jsonPath("$.reviewUrl").value("http://localhost/services/" + service + "/versions/1"));
    mvc.perform(get(manifests() + "/active").header("Authorization", "Bearer " + token).accept(YAML))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(YAML))
        .andExpect(content().string(yaml));
    mvc.perform(get(manifests() + "/active").header("Authorization", "Bearer " + token)
            .header("Accept", "application/json;q=0.5, application/yaml"))
        .andExpect(content().contentTypeCompatibleWith(YAML));
    mvc.perform(get(manifests() + "/active").header("Authorization", "Bearer " + token).accept("text/html"))
        .andExpect(status().isNotAcceptable());
  }

  @Test
  void versionsAreListedNewestFirstAPageAtATime() throws Exception {
    upload(aManifestYaml(), "one").andExpect(status().isCreated());
    upload(aManifestYamlWith("app.main", "net.connect"), "two").andExpect(status().isCreated());
    upload(aManifestYamlWith("app.main", "fs.write"), "three").andExpect(status().isCreated());

    mvc.perform(get(manifests() + "?limit=2").header("Authorization", "Bearer " + token))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(3))
        .andExpect(jsonPath("$.offset").value(0))
        .andExpect(jsonPath("$.limit").value(2))
        .andExpect(jsonPath("$.versions[*].version").value(contains(3, 2)))
        .andExpect(jsonPath("$.versions[0].content").doesNotExist())
        .andExpect(jsonPath("$.versions[0].reviewUrl").value(startsWith("http://localhost/services/")));
    mvc.perform(get(manifests() + "?offset=2&limit=2").header("Authorization", "Bearer " + token))
        .andExpect(jsonPath("$.versions[*].version").value(contains(1)));
    mvc.perform(get(manifests() + "?limit=201").header("Authorization", "Bearer " + token))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("limit"));
  }

  @Test
  void oneVersionReadsAsJsonOrYamlAndDiffsAgainstAnother() throws Exception {
    upload(aManifestYaml(), "one").andExpect(status().isCreated());
    String second = aManifestYamlWith("uvicorn", "net.connect");
    upload(second, "two").andExpect(status().isCreated());

    mvc.perform(get(manifests() + "/2").header("Authorization", "Bearer " + token))
        .andExpect(jsonPath("$.version").value(2)).andExpect(jsonPath("$.content").value(second));
    mvc.perform(get(manifests() + "/2").header("Authorization", "Bearer " + token).accept(YAML))
        .andExpect(content().string(second));
    mvc.perform(get(manifests() + "/2/diff?against=1").header("Authorization", "Bearer " + token))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.fromVersion").value(1))
        .andExpect(jsonPath("$.toVersion").value(2))
        .andExpect(jsonPath("$.modules[0].module").value("uvicorn"))
        .andExpect(jsonPath("$.modules[0].capabilities.added[0].name").value("net.connect"));
    mvc.perform(get(manifests() + "/2/diff").header("Authorization", "Bearer " + token))
        .andExpect(jsonPath("$.fromVersion").doesNotExist())
        .andExpect(jsonPath("$.modules.length()").value(4));
    mvc.perform(get(manifests() + "/2/diff?against=latest").header("Authorization", "Bearer " + token))
        .andExpect(status().isBadRequest());
    mvc.perform(get(manifests() + "/9").header("Authorization", "Bearer " + token))
        .andExpect(status().isNotFound());
  }

  @Test
  void linksFollowTheRequestsHost() throws Exception {
    mvc.perform(post(manifests() + "?reason=x").header("Authorization", "Bearer " + token).contentType(YAML)
            .content(aManifestYaml()).with(r -> {
              r.setScheme("https");
              r.setServerName("capgate.example.com");
              r.setServerPort(443);
              return r;
            }))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.reviewUrl").value("https://capgate.example.com/services/" + service + "/versions/1"))
        .andExpect(header().string("Location", startsWith("https://capgate.example.com/api/v1/")));
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    byte[] huge = new byte[(int) io.capgate.portal.base.api.RequestBodyLimit.MAX_RAW_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) '#');

    mvc.perform(post(manifests() + "?reason=x").header("Authorization", "Bearer " + token).contentType(YAML)
            .content(huge))
        .andExpect(status().isContentTooLarge())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Content Too Large"))
        .andExpect(jsonPath("$.detail").value(containsString("4 MiB")));
  }

  @Test
  void theOpenApiDescriptionAndSwaggerUiNeedNoToken() throws Exception {
    mvc.perform(get("/api/v1/openapi"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paths['/api/v1/services/{serviceId}/manifests'].post").exists())
        .andExpect(jsonPath("$.paths['/api/v1/services/{serviceId}/manifests/active'].get").exists())
        .andExpect(jsonPath("$.components.securitySchemes.apiToken.scheme").value("bearer"))
        .andExpect(jsonPath("$.security[0].apiToken").exists())
        .andExpect(jsonPath("$.paths['/api/v1/services/{serviceId}/manifests'].post.requestBody.content['application/yaml']")
            .exists())
        .andExpect(jsonPath("$.paths['/api/v1/services/{serviceId}/manifests'].post.responses['422']").exists());
    var redirect = mvc.perform(get("/api/v1/docs")).andExpect(status().is3xxRedirection()).andReturn();
    mvc.perform(get(redirect.getResponse().getHeader("Location"))).andExpect(status().isOk());
  }

  private void activate(int expectedVersion, String yaml) throws Exception {
    upload(yaml, "to activate").andExpect(status().isCreated())
        .andExpect(jsonPath("$.version").value(expectedVersion));
    var reviewer = member(Role.REVIEWER);
    as(reviewer, () -> {
      var request = approvals.queue().stream().filter(r -> r.serviceId() == service).findFirst().orElseThrow();
      approvals.approve(request.id(), "fine");
    });
  }

  private ResultActions upload(String yaml, String reason) throws Exception {
    return mvc.perform(post(manifests()).param("reason", reason).header("Authorization", "Bearer " + token)
        .contentType(YAML).content(yaml));
  }

  private ResultActions list() throws Exception {
    return mvc.perform(get(manifests()).header("Authorization", "Bearer " + token));
  }

  private String manifests() {
    return "/api/v1/services/" + service + "/manifests";
  }

  private CapgateUser member(Role role) {
    var user = fixtures.aUser(org);
    fixtures.grant(user, project, role);
    return user;
  }

  private String tokenOf(CapgateUser user) {
    return as(user, () -> tokens.create("ci " + Fixtures.unique(), null)).value();
  }

  private static String jsonString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
