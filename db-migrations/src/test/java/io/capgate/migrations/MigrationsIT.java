package io.capgate.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Migrates an empty real PostgreSQL to the latest version and checks what every later migration relies on. */
class MigrationsIT {

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void migratesAnEmptyDatabaseToTheLatestVersion() throws Exception {
    var flyway = Flyway.configure().dataSource(postgres.getPostgresDatabase()).load();

    var result = flyway.migrate();

    assertThat(result.success).isTrue();
    assertThat(result.migrationsExecuted).isEqualTo(flyway.info().all().length);
    assertThat(tables()).contains("organizations", "users", "projects", "role_grants", "services",
        "manifest_versions", "approval_requests", "approval_decisions", "approval_comments", "api_tokens");
    assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
  }

  private List<String> tables() throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
      var names = new ArrayList<String>();
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
      return names;
    }
  }
}
