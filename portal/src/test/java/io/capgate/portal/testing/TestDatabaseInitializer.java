package io.capgate.portal.testing;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Points the portal at a Testcontainers PostgreSQL when Docker is available. Without Docker (as on
 * the CI machine) it leaves {@code spring.datasource.url} unset and the portal's own embedded
 * PostgreSQL starts, cleaned, in a temporary folder (see {@code application-test.properties}).
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final Logger log = LoggerFactory.getLogger(TestDatabaseInitializer.class);
  private static PostgreSQLContainer container;

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    if (!"true".equals(System.getProperty("capgate.test.testcontainers", "true")) || !dockerAvailable()) {
      log.info("No Docker engine: tests use the embedded PostgreSQL");
      return;
    }
    var db = start();
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testcontainers-postgres", Map.of(
        "spring.datasource.url", db.getJdbcUrl(),
        "spring.datasource.username", db.getUsername(),
        "spring.datasource.password", db.getPassword())));
  }

  private static synchronized PostgreSQLContainer start() {
    if (container == null) {
      container = new PostgreSQLContainer("postgres:17-alpine");
      container.start();
    }
    return container;
  }

  private static boolean dockerAvailable() {
    // Asking Testcontainers costs seconds when nothing listens; no socket and no DOCKER_HOST means no engine.
    if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
