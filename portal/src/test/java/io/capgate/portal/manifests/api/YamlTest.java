package io.capgate.portal.manifests.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.portal.manifests.ManifestValidationException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class YamlTest {

  @ParameterizedTest
  @ValueSource(strings = {"application/yaml", "text/yaml", "application/x-yaml", "text/plain",
      "application/yaml, application/json;q=0.9", "application/json;q=0.5, application/yaml",
      "text/html;q=0.9, application/yaml"})
  void yamlWhenItIsTheClientsFirstChoice(String accept) {
    assertThat(Yaml.wanted(accept)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"*/*", "application/json", "application/problem+json", "application/*",
      "application/json, application/yaml", "application/yaml;q=0, application/json", "not a media type;;"})
  void jsonOtherwise(String accept) {
    assertThat(Yaml.wanted(accept)).isFalse();
  }

  @Test
  void aBodyMustBeUtf8() {
    assertThat(Yaml.decode("service: café\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("service: café\n");
    assertThatThrownBy(() -> Yaml.decode(new byte[] {'a', (byte) 0xc3}))
        .isInstanceOf(ManifestValidationException.class)
        .satisfies(e -> assertThat(((ManifestValidationException) e).problems()).singleElement()
            .satisfies(p -> assertThat(p.line()).isEqualTo(1)));
  }
}
