package io.capgate.portal.manifests;

import static io.capgate.portal.testing.Fixtures.aManifestYaml;
import static io.capgate.portal.testing.Fixtures.aManifestYamlWith;
import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the database holds whatever the application does, and numbering under concurrent creates. */
@PortalTest
class ManifestIntegrityIT {

  @Autowired ManifestVersions versions;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;

  long service;
  CapgateUser developer;

  @BeforeEach
  void setUp() {
    fixtures.useThisContextsSecurity();
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    service = fixtures.aService(project);
    developer = fixtures.aUser(org);
    fixtures.grant(developer, project, Role.DEVELOPER);
  }

  @Test
  void theDatabaseRefusesToChangeASubmittedVersionsContent() {
    long draft = as(developer, () -> versions.createDraft(service, aManifestYaml())).version().id();
    long submitted = as(developer, () -> versions.upload(service, aManifestYamlWith("uvicorn", "net.connect"), "why"))
        .version().version().id();

    assertThat(jdbc.sql("update manifest_versions set content = content || '# edited' where id = ?").param(draft)
        .update()).isEqualTo(1);
    assertThatThrownBy(() -> jdbc.sql("update manifest_versions set content = content || '# edited' where id = ?")
        .param(submitted).update())
        .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("can no longer change");
    assertThatThrownBy(() -> jdbc.sql("update manifest_versions set hash = repeat('0', 64) where id = ?")
        .param(submitted).update())
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(() -> jdbc.sql("update manifest_versions set version = version + 100 where id = ?")
        .param(submitted).update())
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(as(developer, () -> versions.get(submitted)).content())
        .isEqualTo(aManifestYamlWith("uvicorn", "net.connect"));
  }

  @Test
  void theDatabaseMovesStatesOnlyForwardAndApprovesOnlyThroughAnApprovedRequest() {
    long submitted = as(developer, () -> versions.upload(service, aManifestYaml(), "why")).version().version().id();

    assertThatThrownBy(() -> jdbc.sql("update manifest_versions set state = 'DRAFT' where id = ?")
        .param(submitted).update())
        .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("cannot go from IN_REVIEW to DRAFT");
    assertThatThrownBy(() -> jdbc.sql("update manifest_versions set state = 'ACTIVE' where id = ?")
        .param(submitted).update())
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(() -> jdbc.sql("update manifest_versions set state = 'APPROVED' where id = ?")
        .param(submitted).update())
        .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("no approved approval request");
    assertThatThrownBy(() -> jdbc.sql("update manifest_versions set state = 'REJECTED' where id = ?")
        .param(submitted).update())
        .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("no rejected approval request");
    assertThatThrownBy(() -> jdbc.sql("update approval_requests set status = 'APPROVED' where version_id = ?")
        .param(submitted).update())
        .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("has 0 of 1 required approvals");
  }

  @Test
  void concurrentCreatesForOneServiceGetDistinctNumbers() throws Exception {
    int threads = 2;
    int perThread = 10;
    var start = new CountDownLatch(1);
    var pool = Executors.newFixedThreadPool(threads);
    try {
      var futures = new ArrayList<Future<List<Integer>>>();
      for (int t = 0; t < threads; t++) {
        Callable<List<Integer>> creator = () -> {
          start.await();
          var numbers = new ArrayList<Integer>();
          for (int i = 0; i < perThread; i++) {
            numbers.add(as(developer, () -> versions.createDraft(service, aManifestYaml())).version().version());
          }
          return numbers;
        };
        futures.add(pool.submit(creator));
      }
      start.countDown();
      var numbers = new ArrayList<Integer>();
      for (var future : futures) {
        numbers.addAll(future.get(60, TimeUnit.SECONDS));
      }

      assertThat(numbers).containsExactlyInAnyOrderElementsOf(
          IntStream.rangeClosed(1, threads * perThread).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }
}
