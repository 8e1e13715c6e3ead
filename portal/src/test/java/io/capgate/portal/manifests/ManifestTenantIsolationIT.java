package io.capgate.portal.manifests;

import static io.capgate.portal.testing.Fixtures.aManifestYaml;
import static io.capgate.portal.testing.Fixtures.aManifestYamlWith;
import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.portal.approvals.ApprovalRequest;
import io.capgate.portal.approvals.Approvals;
import io.capgate.portal.base.NotFoundException;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Another organization's services, versions and requests do not exist for a user, whatever roles
 * they hold in their own organization: every id-based method, and a lookup by a valid hash of the
 * other organization's manifest, is not found.
 */
@PortalTest
class ManifestTenantIsolationIT {

  @Autowired ManifestVersions versions;
  @Autowired ManifestLifecycle lifecycle;
  @Autowired Approvals approvals;
  @Autowired Fixtures fixtures;

  long org;
  long service;
  long active;
  long inReview;
  long approved;
  long draft;
  long request;
  String hash;
  /** Every role there is, organization-wide, in another organization. */
  CapgateUser stranger;
  long strangersService;

  @BeforeEach
  void setUp() {
    fixtures.useThisContextsSecurity();
    org = fixtures.anOrganization();
    long project = fixtures.aProject(org, 1, true);
    service = fixtures.aService(project);
    var developer = fixtures.aUser(org, Role.DEVELOPER);
    var reviewer = fixtures.aUser(org, Role.REVIEWER);
    active = as(developer, () -> versions.upload(service, aManifestYaml(), "first")).version().version().id();
    as(reviewer, () -> approvals.approve(approvals.forVersion(active).orElseThrow().id(), ""));
    as(reviewer, () -> approvals.activate(active));
    approved = as(developer, () -> versions.upload(service, aManifestYamlWith("io.x", "io"), "second"))
        .version().version().id();
    as(reviewer, () -> approvals.approve(approvals.forVersion(approved).orElseThrow().id(), ""));
    var upload = as(developer, () -> versions.upload(service, aManifestYamlWith("uvicorn", "net.connect"), "third"));
    inReview = upload.version().version().id();
    hash = upload.version().version().hash();
    request = as(developer, () -> approvals.forVersion(inReview)).orElseThrow().id();
    draft = as(developer, () -> versions.createDraft(service, aManifestYaml())).version().id();

    long otherOrg = fixtures.anOrganization();
    stranger = fixtures.aUser(otherOrg, Role.ORG_ADMIN, Role.OPERATOR, Role.AUDITOR, Role.PROJECT_OWNER,
        Role.DEVELOPER, Role.REVIEWER);
    strangersService = fixtures.aService(fixtures.aProject(otherOrg));
    as(stranger, () -> versions.createDraft(strangersService, aManifestYamlWith("uvicorn", "net.connect")));
  }

  @TestFactory
  Stream<DynamicTest> everyIdBasedMethodIsNotFoundForAnotherOrganization() {
    return calls().entrySet().stream().map(call -> DynamicTest.dynamicTest(call.getKey(), () ->
        assertThatThrownBy(() -> as(stranger, () -> {
          try {
            call.getValue().call();
          } catch (Throwable e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
          }
        })).isInstanceOf(NotFoundException.class)));
  }

  @Test
  void theSameOrganizationWithoutARoleOnTheProjectFindsNothingEither() {
    var outsider = fixtures.aUser(fixtures.anOrganization());
    var colleague = fixtures.aUser(org);
    fixtures.grant(colleague, fixtures.aProject(org), Role.REVIEWER);

    for (var user : new CapgateUser[] {colleague, outsider}) {
      assertThatThrownBy(() -> as(user, () -> versions.get(inReview))).isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> as(user, () -> versions.history(service, 0, 10))).isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> as(user, () -> approvals.approve(request, ""))).isInstanceOf(NotFoundException.class);
      assertThat(as(user, () -> approvals.queue())).extracting(ApprovalRequest::id).doesNotContain(request);
    }
  }

  @Test
  void aValidHashOfAnotherOrganizationsManifestFindsOnlyOnesOwnVersions() {
    String activeHash = as(fixtures.aUser(org, Role.AUDITOR), () -> versions.get(active)).version().hash();

    assertThat(as(stranger, () -> versions.findByHash(strangersService, activeHash))).isEmpty();
    assertThat(as(stranger, () -> versions.findByHash(strangersService, hash))).get()
        .satisfies(d -> assertThat(d.version().serviceId()).isEqualTo(strangersService));
    assertThat(as(stranger, () -> approvals.queue())).extracting(ApprovalRequest::id).doesNotContain(request);
  }

  private Map<String, ThrowingCallable> calls() {
    var calls = new LinkedHashMap<String, ThrowingCallable>();
    calls.put("ManifestVersions.createDraft", () -> versions.createDraft(service, aManifestYaml()));
    calls.put("ManifestVersions.updateDraft", () -> versions.updateDraft(draft, aManifestYaml()));
    calls.put("ManifestVersions.submit", () -> versions.submit(draft, "mine now"));
    calls.put("ManifestVersions.upload", () -> versions.upload(service, aManifestYaml(), "mine now"));
    calls.put("ManifestVersions.get(id)", () -> versions.get(inReview));
    calls.put("ManifestVersions.get(service, version)", () -> versions.get(service, 1));
    calls.put("ManifestVersions.findByHash", () -> versions.findByHash(service, hash));
    calls.put("ManifestVersions.active", () -> versions.active(service));
    calls.put("ManifestVersions.history", () -> versions.history(service, 0, 10));
    calls.put("ManifestVersions.countVersions", () -> versions.countVersions(service));
    calls.put("ManifestVersions.diff", () -> versions.diff(active, inReview));
    calls.put("ManifestVersions.diffAgainstActive", () -> versions.diffAgainstActive(inReview));
    calls.put("ManifestLifecycle.approve", () -> lifecycle.approve(inReview));
    calls.put("ManifestLifecycle.reject", () -> lifecycle.reject(inReview));
    calls.put("ManifestLifecycle.activate", () -> lifecycle.activate(approved));
    calls.put("Approvals.get", () -> approvals.get(request));
    calls.put("Approvals.forVersion", () -> approvals.forVersion(inReview));
    calls.put("Approvals.forVersion(draft)", () -> approvals.forVersion(draft));
    calls.put("Approvals.decisions", () -> approvals.decisions(request));
    calls.put("Approvals.comments", () -> approvals.comments(request));
    calls.put("Approvals.approve", () -> approvals.approve(request, ""));
    calls.put("Approvals.reject", () -> approvals.reject(request, ""));
    calls.put("Approvals.comment", () -> approvals.comment(request, "hello"));
    calls.put("Approvals.activate", () -> approvals.activate(approved));
    return calls;
  }
}
