package io.capgate.portal.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PortalPropertiesTest {

  @Test
  void theDefaultDataFolderIsInTheUsersHomeNotAFolderNamedAfterAPlaceholder() {
    var bound = new Binder(new MapConfigurationPropertySource(Map.of()))
        .bindOrCreate("capgate.portal", PortalProperties.class);

    assertThat(bound.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".capgate", "portal"));
    assertThat(bound.dataDir().toString()).doesNotContain("${");
  }

  @Test
  void aConfiguredFolderWins() {
    var bound = new Binder(new MapConfigurationPropertySource(Map.of("capgate.portal.data-dir", "/srv/capgate")))
        .bindOrCreate("capgate.portal", PortalProperties.class);

    assertThat(bound.dataDir()).isEqualTo(Path.of("/srv/capgate"));
  }
}
