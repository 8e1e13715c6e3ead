package io.capgate.portal.manifests;

import static io.capgate.portal.testing.Fixtures.aManifestYaml;
import static io.capgate.portal.testing.Fixtures.aManifestYamlWith;
import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.capgate.model.manifest.ManifestFixtures;
import io.capgate.model.manifest.ManifestHash;
import io.capgate.model.manifest.ManifestProblem;
import io.capgate.model.manifest.ManifestWriter;
import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.base.ConflictException;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@PortalTest
@RecordApplicationEvents
class ManifestVersionsIT {

  /** aManifestYaml() written differently: comments, flow style, other key and list order. */
  static final String REFORMATTED = """
      # the same manifest, written by hand
      modules:
        uvicorn: {capabilities: [net.listen]}
        app.main:
          exec: [/usr/bin/git]
          capabilities: [io, fs.read]   # reads its templates
        "<interpreter>": {capabilities: [io, fs.read]}
      python: "3.11"
      defaults: {capabilities: [sys.basic, mem]}
      arch: x86_64
      service: fastapi-demo
      apiVersion: capgate.io/v1
      """;

  @Autowired ManifestVersions versions;
  @Autowired Fixtures fixtures;
  @Autowired ApplicationEvents events;

  long org;
  long project;
  long service;
  CapgateUser developer;

  @BeforeEach
  void setUp() {
    fixtures.useThisContextsSecurity();
    org = fixtures.anOrganization();
    project = fixtures.aProject(org);
    service = fixtures.aService(project);
    developer = fixtures.aUser(org);
    fixtures.grant(developer, project, Role.DEVELOPER);
  }

  @Test
  void aDraftKeepsTheYamlAsWrittenWithItsCanonicalFormHashAndModuleCount() {
    var draft = as(developer, () -> versions.createDraft(service, REFORMATTED));

    assertThat(draft.content()).isEqualTo(REFORMATTED);
    assertThat(draft.manifest()).isEqualTo(ManifestFixtures.aManifest());
    var version = draft.version();
    assertThat(version.version()).isEqualTo(1);
    assertThat(version.state()).isEqualTo(ManifestState.DRAFT);
    assertThat(version.hash()).isEqualTo(ManifestHash.of(ManifestFixtures.aManifest()));
    assertThat(version.moduleCount()).isEqualTo(3);
    assertThat(version.authorId()).isEqualTo(developer.id());
    assertThat(version.serviceId()).isEqualTo(service);
    assertThat(version.projectId()).isEqualTo(project);
    assertThat(version.submittedAt()).isNull();
  }

  @Test
  void differentlyFormattedYamlOfOneManifestHasOneHash() {
    var canonical = as(developer, () -> versions.createDraft(service, aManifestYaml()));
    var handWritten = as(developer, () -> versions.createDraft(service, REFORMATTED));
    var json = as(developer, () -> versions.createDraft(service, ManifestWriter.toJson(ManifestFixtures.aManifest())));
    var changed = as(developer, () -> versions.createDraft(service, aManifestYamlWith("uvicorn", "net.connect")));

    assertThat(handWritten.version().hash()).isEqualTo(canonical.version().hash());
    assertThat(json.version().hash()).isEqualTo(canonical.version().hash());
    assertThat(changed.version().hash()).isNotEqualTo(canonical.version().hash());
    String bare = canonical.version().hash().substring(ManifestHash.PREFIX.length());
    assertThat(as(developer, () -> versions.findByHash(service, bare))).get()
        .extracting(d -> d.version().version()).isEqualTo(3);
  }

  @Test
  void versionsAreNumberedPerService() {
    long other = fixtures.aService(project);

    as(developer, () -> versions.createDraft(service, aManifestYaml()));
    as(developer, () -> versions.createDraft(service, aManifestYaml()));
    var first = as(developer, () -> versions.createDraft(other, aManifestYaml()));

    assertThat(first.version().version()).isEqualTo(1);
    assertThat(as(developer, () -> versions.get(service, 2)).version().serviceId()).isEqualTo(service);
    assertThat(as(developer, () -> versions.countVersions(service))).isEqualTo(2);
  }

  @Test
  void invalidYamlIsRefusedWithEveryProblemsLineAndColumn() {
    String invalid = aManifestYaml().replace("arch: x86_64", "arch: sparc").replace("[net.listen]", "[net.lisen]");

    assertThatThrownBy(() -> as(developer, () -> versions.createDraft(service, invalid)))
        .isInstanceOfSatisfying(ManifestValidationException.class, e -> assertThat(e.problems())
            .extracting(ManifestProblem::line, ManifestProblem::column)
            .containsExactly(tuple(3, 7), tuple(18, 20)));
    assertThat(as(developer, () -> versions.validate(invalid))).hasSize(2).first()
        .satisfies(p -> assertThat(p.message()).contains("unknown arch 'sparc'"));
    assertThat(as(developer, () -> versions.validate(aManifestYaml()))).isEmpty();
    assertThat(as(developer, () -> versions.countVersions(service))).isZero();
    assertThatThrownBy(() -> as(developer, () -> versions.upload(service, "modules: [", "why")))
        .isInstanceOf(ManifestValidationException.class);
  }

  @Test
  void onlyTheAuthorChangesTheirDraftAndOnlyWhileItIsADraft() {
    var colleague = fixtures.aUser(org);
    fixtures.grant(colleague, project, Role.PROJECT_OWNER);
    var draft = as(developer, () -> versions.createDraft(service, aManifestYaml()));
    long id = draft.version().id();

    assertThatThrownBy(() -> as(colleague, () -> versions.updateDraft(id, REFORMATTED)))
        .isInstanceOf(AccessDeniedException.class).hasMessageContaining("Only the author");
    assertThatThrownBy(() -> as(colleague, () -> versions.submit(id, "ship it")))
        .isInstanceOf(AccessDeniedException.class);
    var updated = as(developer, () -> versions.updateDraft(id, aManifestYamlWith("uvicorn", "net.connect")));
    assertThat(updated.version().hash()).isNotEqualTo(draft.version().hash());
    assertThat(updated.manifest().module("uvicorn").capabilities()).contains("net.connect");

    var submitted = as(developer, () -> versions.submit(id, "uvicorn calls the payment API"));
    assertThat(submitted.created()).isTrue();
    assertThat(submitted.version().version().state()).isEqualTo(ManifestState.IN_REVIEW);
    assertThat(submitted.version().version().submittedAt()).isNotNull();
    assertThatThrownBy(() -> as(developer, () -> versions.updateDraft(id, aManifestYaml())))
        .isInstanceOf(ConflictException.class).hasMessageContaining("IN_REVIEW and can no longer change");
    assertThatThrownBy(() -> as(developer, () -> versions.submit(id, "again")))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void aSubmissionNeedsAReasonOfAtMost4000Characters() {
    long id = as(developer, () -> versions.createDraft(service, aManifestYaml())).version().id();

    assertThatThrownBy(() -> as(developer, () -> versions.submit(id, "  ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason is required");
    assertThatThrownBy(() -> as(developer, () -> versions.submit(id, "x".repeat(4001))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4000");
    assertThatThrownBy(() -> as(developer, () -> versions.upload(service, aManifestYaml(), null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(as(developer, () -> versions.get(id)).version().state()).isEqualTo(ManifestState.DRAFT);
    assertThat(as(developer, () -> versions.submit(id, "x".repeat(4000))).version().version().state())
        .isEqualTo(ManifestState.IN_REVIEW);
  }

  @Test
  void uploadingTheNewestVersionsContentAgainCreatesNothing() {
    var first = as(developer, () -> versions.upload(service, aManifestYaml(), "first manifest"));
    var again = as(developer, () -> versions.upload(service, REFORMATTED, "same, reformatted"));
    var changed = as(developer, () -> versions.upload(service, aManifestYamlWith("uvicorn", "net.connect"), "calls"));

    assertThat(first.created()).isTrue();
    assertThat(first.version().version().state()).isEqualTo(ManifestState.IN_REVIEW);
    assertThat(again.created()).isFalse();
    assertThat(again.version().version().id()).isEqualTo(first.version().version().id());
    assertThat(again.version().content()).isEqualTo(aManifestYaml());
    assertThat(changed.created()).isTrue();
    assertThat(changed.version().version().version()).isEqualTo(2);
    assertThat(as(developer, () -> versions.countVersions(service))).isEqualTo(2);
  }

  @Test
  void auditorsAndReviewersReadButDoNotWriteManifests() {
    var auditor = fixtures.aUser(org, Role.AUDITOR);
    var reviewer = fixtures.aUser(org);
    fixtures.grant(reviewer, project, Role.REVIEWER);
    long draft = as(developer, () -> versions.createDraft(service, aManifestYaml())).version().id();

    for (var user : new CapgateUser[] {auditor, reviewer}) {
      assertThatThrownBy(() -> as(user, () -> versions.createDraft(service, aManifestYaml())))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> as(user, () -> versions.upload(service, aManifestYaml(), "why")))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> as(user, () -> versions.updateDraft(draft, aManifestYaml())))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> as(user, () -> versions.submit(draft, "why")))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(as(user, () -> versions.get(draft)).content()).isEqualTo(aManifestYaml());
      assertThat(as(user, () -> versions.history(service, 0, 10))).hasSize(1);
    }
  }

  @Test
  void versionsOfDifferentServicesAreNotCompared() {
    long other = fixtures.aService(project);
    long a = as(developer, () -> versions.createDraft(service, aManifestYaml())).version().id();
    long b = as(developer, () -> versions.createDraft(other, aManifestYaml())).version().id();
    long c = as(developer, () -> versions.createDraft(service, aManifestYamlWith("uvicorn", "net.connect")))
        .version().id();

    assertThatThrownBy(() -> as(developer, () -> versions.diff(a, b)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different services");
    var diff = as(developer, () -> versions.diff(a, c));
    assertThat(diff.from().id()).isEqualTo(a);
    assertThat(diff.diff().module("uvicorn").orElseThrow().capabilitiesAdded()).containsExactly("net.connect");
  }

  @Test
  void withNothingActiveEverythingAVersionAllowsIsNew() {
    long id = as(developer, () -> versions.createDraft(service, aManifestYaml())).version().id();

    var diff = as(developer, () -> versions.diffAgainstActive(id));

    assertThat(diff.from()).isNull();
    assertThat(diff.diff().fields()).isEmpty();
    assertThat(diff.diff().modules()).extracting(m -> m.status().name()).containsOnly("ADDED").hasSize(3);
    assertThat(diff.diff().defaults().capabilitiesAdded()).containsExactly("mem", "sys.basic");
    assertThat(as(developer, () -> versions.active(service))).isEmpty();
  }

  @Test
  void draftingAndSubmittingPublishAuditEventsWithStatesAndHashes() {
    long id = as(developer, () -> versions.createDraft(service, aManifestYaml())).version().id();
    as(developer, () -> versions.updateDraft(id, aManifestYamlWith("uvicorn", "net.connect")));
    as(developer, () -> versions.submit(id, "uvicorn calls the payment API"));

    var audit = events.stream(AuditEvent.class).filter(e -> e.objectId().equals(Long.toString(id))).toList();
    assertThat(audit).extracting(AuditEvent::action)
        .containsExactly("manifest.draft_created", "manifest.draft_updated", "manifest.submitted");
    assertThat(audit).allSatisfy(e -> {
      assertThat(e.organizationId()).isEqualTo(org);
      assertThat(e.actor().userId()).isEqualTo(developer.id());
      assertThat(e.objectType()).isEqualTo("manifest_version");
      assertThat(e.after()).containsEntry("version", 1).containsKey("hash");
    });
    assertThat(audit.get(0).before()).isEmpty();
    assertThat(audit.get(1).before().get("hash")).isEqualTo(ManifestHash.of(ManifestFixtures.aManifest()));
    assertThat(audit.get(1).after().get("hash")).isNotEqualTo(audit.get(1).before().get("hash"));
    assertThat(audit.get(2).before()).containsEntry("state", "DRAFT");
    assertThat(audit.get(2).after()).containsEntry("state", "IN_REVIEW");
    assertThat(events.stream(ManifestSubmitted.class)).singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo("uvicorn calls the payment API"));
  }
}
