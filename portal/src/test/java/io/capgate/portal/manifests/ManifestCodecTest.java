package io.capgate.portal.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.model.manifest.ManifestFixtures;
import io.capgate.model.manifest.ManifestHash;
import io.capgate.model.manifest.ManifestWriter;
import org.junit.jupiter.api.Test;

class ManifestCodecTest {

  @Test
  void storesTheCanonicalJsonAndTheBareHashOfWhatItParsed() {
    var parsed = ManifestCodec.parse(ManifestFixtures.A_MANIFEST_YAML);

    assertThat(parsed.manifest()).isEqualTo(ManifestFixtures.aManifest());
    assertThat(parsed.canonicalJson()).isEqualTo(ManifestWriter.toJson(ManifestFixtures.aManifest()));
    assertThat(ManifestCodec.displayHash(parsed.hash())).isEqualTo(ManifestHash.of(ManifestFixtures.aManifest()));
    assertThat(parsed.hash()).hasSize(64);
    assertThat(parsed.moduleCount()).isEqualTo(3);
  }

  @Test
  void emptyOrMissingTextIsAProblemNotACrash() {
    assertThat(ManifestCodec.problems(null)).isNotEmpty();
    assertThat(ManifestCodec.problems("")).isNotEmpty();
    assertThat(ManifestCodec.problems("   \n")).isNotEmpty();
    assertThat(ManifestCodec.problems("[1, 2]")).singleElement()
        .satisfies(p -> assertThat(p.line()).isEqualTo(1));
  }

  @Test
  void hashesAreAcceptedWithOrWithoutTheirPrefixAndNothingElse() {
    String hex = "ab".repeat(32);

    assertThat(ManifestCodec.bareHash("sha256:" + hex)).isEqualTo(hex);
    assertThat(ManifestCodec.bareHash(hex)).isEqualTo(hex);
    assertThatThrownBy(() -> ManifestCodec.bareHash("AB".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ManifestCodec.bareHash("sha256:" + hex + "' or 1=1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ManifestCodec.bareHash(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nothingLikeKeepsTheHeaderAndAllowsNothing() {
    var nothing = ManifestCodec.nothingLike(ManifestFixtures.aManifest());

    assertThat(nothing.service()).isEqualTo("fastapi-demo");
    assertThat(nothing.modules()).isEmpty();
    assertThat(nothing.defaults().isEmpty()).isTrue();
  }
}
