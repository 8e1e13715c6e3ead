package io.capgate.portal.bench;

import static io.capgate.portal.testing.Fixtures.as;

import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestDiff;
import io.capgate.model.manifest.ManifestHash;
import io.capgate.model.manifest.ManifestWriter;
import io.capgate.portal.manifests.ManifestVersions;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The portal benchmark ({@code scripts/bench-portal.sh}): server-side timings on the real embedded
 * PostgreSQL, written to {@code portal/target/bench/portal.md}. Its name matches neither Surefire's
 * nor Failsafe's patterns, so only the benchmark command runs it; it asserts nothing about time.
 *
 * <ul>
 *   <li>diff of two manifests of 500 modules x 50 syscalls (shared-model's diff, and the portal's
 *       {@code diff} of two stored versions, which loads and parses both);
 *   <li>first page of a service's version history with 10k versions;
 *   <li>first page of the audit log with 100k rows.
 * </ul>
 */
@PortalTest
class PortalBench {

  static final Path OUT = Path.of("target", "bench", "portal.md");

  @Autowired Fixtures fixtures;
  @Autowired ManifestVersions versions;
  @Autowired JdbcClient jdbc;

  @Test
  void run() throws Exception {
    var rows = new ArrayList<String>();
    long org = fixtures.anOrganization();
    long project = fixtures.aProject(org);
    var developer = fixtures.aUser(org, Role.AUDITOR, Role.ORG_ADMIN);
    fixtures.grant(developer, project, Role.DEVELOPER);
    long service = fixtures.aService(project);

    rows.addAll(diffs(developer, service));
    rows.add(history(developer, service));
    write(rows);
  }

  private List<String> diffs(CapgateUser user, long service) throws Exception {
    var old = BigManifests.of(500, 50, 42);
    var neu = BigManifests.changed(old);
    var inMemory = Timings.measure("diff 500 modules x 50 syscalls (ManifestDiff.between)", 20, 200,
        () -> ManifestDiff.between(old, neu));
    // Cold: each run diffs a pair written straight into the table (not through the service, which would
    // leave them parsed in the cache), so both manifests are read from the database and parsed.
    var cold = new ArrayList<Long>();
    for (int i = 0; i < 12; i++) {
      var base = BigManifests.of(500, 50, 1000 + i);
      long from = insertDraft(service, user, 20_000 + 2 * i, base);
      long to = insertDraft(service, user, 20_001 + 2 * i, BigManifests.changed(base));
      long start = System.nanoTime();
      as(user, () -> versions.diff(from, to));
      if (i >= 2) {
        cold.add(System.nanoTime() - start);
      }
    }
    long v1 = as(user, () -> versions.createDraft(service, BigManifests.yaml(old)).version().id());
    long v2 = as(user, () -> versions.createDraft(service, BigManifests.yaml(neu)).version().id());
    var warm = Timings.measure("diff of two stored versions, 500 x 50, parsed manifests cached by hash", 5, 100,
        () -> as(user, () -> versions.diff(v1, v2)));
    return List.of(inMemory.row(50), Timings.of("diff of two stored versions, 500 x 50, first read (load + parse + diff)",
        cold).row(50), warm.row(50));
  }

  private long insertDraft(long service, CapgateUser author, int version, Manifest manifest) {
    return jdbc.sql("""
        insert into manifest_versions (service_id, version, state, content, canonical_json, hash, module_count, author_id)
        values (?, ?, 'DRAFT', ?, ?, ?, ?, ?) returning id""")
        .params(service, version, BigManifests.yaml(manifest), ManifestWriter.toJson(manifest),
            ManifestHash.of(manifest).substring(ManifestHash.PREFIX.length()), manifest.modules().size(), author.id())
        .query(Long.class).single();
  }

  private String history(CapgateUser user, long service) throws Exception {
    // 10k versions straight into the table (the states a long-lived service accumulates).
    jdbc.sql("""
        insert into manifest_versions (service_id, version, state, content, canonical_json, hash, module_count,
                                       author_id, submitted_at, decided_at, activated_at, superseded_at)
        select ?, 1000 + g, case when g = 10000 then 'ACTIVE' else 'SUPERSEDED' end, 'x', '{}',
               encode(sha256(('bench' || g)::bytea), 'hex'), 1, ?, now(), now(), now(),
               case when g = 10000 then null else now() end
        from generate_series(1, 10000) g""").params(service, user.id()).update();
    jdbc.sql("analyze manifest_versions").update();
    return Timings.measure("version history first page (50 of 10k versions, with count)", 20, 200,
        () -> as(user, () -> {
          versions.countVersions(service);
          return versions.history(service, 0, 50);
        })).row(200);
  }

  private static void write(List<String> rows) throws Exception {
    Files.createDirectories(OUT.getParent());
    var text = new StringBuilder("| What | median ms | p99 ms | max ms | runs | target | |\n|---|---|---|---|---|---|---|\n");
    rows.forEach(r -> text.append(r).append('\n'));
    Files.writeString(OUT, text);
    System.out.println(text);
  }
}
