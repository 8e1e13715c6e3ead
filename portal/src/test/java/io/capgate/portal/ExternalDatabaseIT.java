package io.capgate.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With the usual Spring datasource variables the portal uses that PostgreSQL instead of starting
 * its own, and Flyway migrates it on start. The "external" server here is a PostgreSQL the test
 * starts itself, with its own database and user, so nothing is shared with the portal's default.
 */
@SpringBootTest
@ActiveProfiles("test")
class ExternalDatabaseIT {

  private static EmbeddedPostgres server;

  @DynamicPropertySource
  static void externalDatabase(DynamicPropertyRegistry registry) throws IOException {
    server = EmbeddedPostgres.builder().start();
    JdbcClient.create(server.getPostgresDatabase()).sql("create user capgate password 'secret-for-test'").update();
    JdbcClient.create(server.getPostgresDatabase()).sql("create database capgate owner capgate").update();
    registry.add("spring.datasource.url", () -> server.getJdbcUrl("capgate", "capgate"));
    registry.add("spring.datasource.username", () -> "capgate");
    registry.add("spring.datasource.password", () -> "secret-for-test");
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;

  @Test
  void usesTheConfiguredDatabaseMigratedByFlyway() {
    assertThat(context.getBeanNamesForType(EmbeddedPostgres.class)).as("no embedded PostgreSQL started").isEmpty();
    assertThat(jdbc.sql("select current_database() || ' as ' || current_user").query(String.class).single())
        .isEqualTo("capgate as capgate");
    assertThat(jdbc.sql("select count(*) from flyway_schema_history where not success").query(Long.class).single())
        .isZero();
    assertThat(jdbc.sql("select count(*) from information_schema.tables where table_schema = 'public'"
        + " and table_name in ('projects', 'manifest_versions', 'audit_log', 'api_tokens', 'agents')")
        .query(Long.class).single()).isEqualTo(5L);
    assertThat(jdbc.sql("select count(*) from users where username = 'admin'").query(Long.class).single()).isOne();
  }
}
