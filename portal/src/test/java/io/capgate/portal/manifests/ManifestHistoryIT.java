package io.capgate.portal.manifests;

import static io.capgate.portal.testing.Fixtures.aManifestYaml;
import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.model.manifest.ManifestFixtures;
import io.capgate.model.manifest.ManifestHash;
import io.capgate.model.manifest.ManifestWriter;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** History pages of a service with 10,000 versions. */
@PortalTest
class ManifestHistoryIT {

  static final int VERSIONS = 10_000;

  @Autowired ManifestVersions versions;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void useThisContextsSecurity() {
    fixtures.useThisContextsSecurity();
  }

  @Test
  void historyOfTenThousandVersionsIsPagedNewestFirstFromTheIndex() {
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    long service = fixtures.aService(project);
    var auditor = fixtures.aUser(org, Role.AUDITOR);
    var manifest = ManifestFixtures.aManifest();
    jdbc.sql("""
        insert into manifest_versions (service_id, version, state, content, canonical_json, hash, module_count, author_id)
        select ?, n, 'REJECTED', ?, ?, ?, 3, ? from generate_series(1, ?) n""")
        .params(service, aManifestYaml(), ManifestWriter.toJson(manifest),
            ManifestHash.of(manifest).substring(ManifestHash.PREFIX.length()), auditor.id(), VERSIONS)
        .update();
    jdbc.sql("analyze manifest_versions").update();

    var first = as(auditor, () -> versions.history(service, 0, 50));
    var last = as(auditor, () -> versions.history(service, VERSIONS - 10, 50));

    assertThat(first).hasSize(50);
    assertThat(first.get(0).version()).isEqualTo(VERSIONS);
    assertThat(first.get(49).version()).isEqualTo(VERSIONS - 49);
    assertThat(last).extracting(ManifestVersion::version).containsExactly(10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
    assertThat(as(auditor, () -> versions.countVersions(service))).isEqualTo(VERSIONS);
    String plan = String.join("\n", jdbc.sql("explain " + ManifestRepository.HISTORY)
        .params(service, 0, 50).query(String.class).list());
    assertThat(plan).contains("Index Scan Backward using manifest_versions_service_id_version_key")
        .doesNotContain("Sort");
  }

  @Test
  void historyPagesHaveSaneBounds() {
    long org = fixtures.anOrganization();
    long service = fixtures.aService(fixtures.aProject(org));
    var auditor = fixtures.aUser(org, Role.AUDITOR);

    assertThat(as(auditor, () -> versions.history(service, 0, 0))).isEmpty();
    assertThatThrownBy(() -> as(auditor, () -> versions.history(service, -1, 10)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> as(auditor, () -> versions.history(service, 0, 1001)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
