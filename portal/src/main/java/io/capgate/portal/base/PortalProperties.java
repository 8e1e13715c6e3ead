package io.capgate.portal.base;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code capgate.portal.*}: where the portal keeps its state.
 *
 * @param dataDir folder for the embedded PostgreSQL data, keys and the audit anchor; survives restarts
 * @param embeddedDbPort port of the embedded PostgreSQL (0 picks a free one)
 * @param cleanEmbeddedDb wipe the embedded data folder on start (tests only)
 */
@ConfigurationProperties("capgate.portal")
public record PortalProperties(
    Path dataDir,
    @DefaultValue("0") int embeddedDbPort,
    @DefaultValue("false") boolean cleanEmbeddedDb) {

  public PortalProperties {
    // @DefaultValue does not resolve placeholders: "${user.home}" would become a folder of that name.
    if (dataDir == null) {
      dataDir = Path.of(System.getProperty("user.home"), ".capgate", "portal");
    }
  }
}
