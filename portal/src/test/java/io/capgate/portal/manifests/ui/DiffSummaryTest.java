package io.capgate.portal.manifests.ui;

import static io.capgate.model.manifest.ManifestFixtures.aManifest;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestDiff;
import io.capgate.model.manifest.ModulePolicy;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiffSummaryTest {

  @Test
  void oneRiskyGroupAddedToOneModule() {
    var before = aManifest().withModule("payments.worker", ModulePolicy.of(Set.of("io"), Set.of(), Set.of()));
    var after = before.withModule("payments.worker", ModulePolicy.of(Set.of("io", "proc.spawn"), Set.of(), Set.of()));

    assertThat(DiffSummary.of(ManifestDiff.between(before, after)))
        .isEqualTo("1 module changed: +proc.spawn (risky) in payments.worker");
  }

  @Test
  void riskyAdditionsComeFirstAndRemovalsAndKindsAreNamed() {
    var before = aManifest();
    var after = before.withModule("app.main", ModulePolicy.of(Set.of("io", "mem.exec", "net.listen"), Set.of("getrandom"),
        Set.of()));

    assertThat(DiffSummary.of(ManifestDiff.between(before, after)))
        .isEqualTo("1 module changed: +mem.exec (risky), +net.listen (risky), -fs.read, +syscall getrandom, -exec /usr/bin/git"
            + " in app.main");
  }

  @Test
  void newModulesDefaultsAndHeaderFields() {
    var before = aManifest();
    var after = new Manifest(before.apiVersion(), before.service(), before.arch(), "3.12",
        ModulePolicy.of(Set.of("sys.basic", "mem", "io"), Set.of(), Set.of()), before.modules())
        .withModule("worker", ModulePolicy.of(Set.of("io"), Set.of(), Set.of()));

    assertThat(DiffSummary.of(ManifestDiff.between(before, after))).isEqualTo(
        "1 module and the defaults changed: python 3.11 → 3.12; +io in (defaults); +io in new module worker");
  }

  @Test
  void noChangeSaysSo() {
    assertThat(DiffSummary.of(ManifestDiff.between(aManifest(), aManifest()))).isEqualTo("No changes");
  }

  @Test
  void manyModulesAreCounted() {
    var before = aManifest();
    var after = before;
    for (int i = 0; i < 7; i++) {
      after = after.withModule("m" + i, ModulePolicy.of(Set.of("io"), Set.of(), Set.of()));
    }

    assertThat(DiffSummary.of(ManifestDiff.between(before, after))).startsWith("7 modules changed: ")
        .endsWith("; … and 2 more");
  }
}
