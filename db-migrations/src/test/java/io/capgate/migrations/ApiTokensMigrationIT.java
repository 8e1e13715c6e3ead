package io.capgate.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What V4's api_tokens table refuses whatever the application does. */
class ApiTokensMigrationIT {

  private static final String HASH = "a".repeat(64);
  private static EmbeddedPostgres postgres;
  private static long user;
  private static long organization;
  private static int sequence;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    Flyway.configure().dataSource(postgres.getPostgresDatabase()).load().migrate();
    try (Connection c = connection()) {
      organization = single(c, "insert into organizations (name) values ('tokens') returning id");
      user = single(c, "insert into users (organization_id, username, display_name, password_hash) values ("
          + organization + ", 'ann', 'Ann', 'x') returning id");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void aTokenRowHoldsAPublicIdAndTheHexHashOfItsSecret() throws Exception {
    assertThat(insert("ci", publicId(), HASH, "null")).isPositive();
    assertThatThrownBy(() -> insert("bad id", "ABCDEFGHIJKLMNOP", HASH, "null")).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> insert("bad hash", publicId(), "cg_secret", "null")).isInstanceOf(SQLException.class);
  }

  @Test
  void aLiveNameIsUniquePerUserAndRevokingFreesIt() throws Exception {
    long first = insert("deploy", publicId(), HASH, "null");

    assertThatThrownBy(() -> insert("deploy", publicId(), HASH, "null")).isInstanceOf(SQLException.class);
    try (Connection c = connection()) {
      c.createStatement().executeUpdate("update api_tokens set revoked_at = now(), revoked_by = " + user
          + " where id = " + first);
    }
    assertThat(insert("deploy", publicId(), HASH, "null")).isPositive();
  }

  @Test
  void aTokenExpiresAfterItWasCreatedAndIsRevokedBySomeone() throws Exception {
    assertThatThrownBy(() -> insert("expired", publicId(), HASH, "now() - interval '1 day'"))
        .isInstanceOf(SQLException.class);
    long id = insert("revocable", publicId(), HASH, "now() + interval '1 day'");
    try (Connection c = connection()) {
      assertThatThrownBy(() -> c.createStatement().executeUpdate(
          "update api_tokens set revoked_at = now() where id = " + id)).isInstanceOf(SQLException.class);
    }
  }

  private static long insert(String name, String publicId, String hash, String expiresAt) throws SQLException {
    try (Connection c = connection()) {
      return single(c, "insert into api_tokens (user_id, organization_id, name, public_id, secret_sha256, created_at,"
          + " expires_at) values (" + user + ", " + organization + ", '" + name + "', '" + publicId + "', '" + hash
          + "', now(), " + expiresAt + ") returning id");
    }
  }

  private static String publicId() {
    return String.format("abcdefghijkl%04d", ++sequence).replace('0', 'a').replace('1', 'b').replace('8', 'c')
        .replace('9', 'd');
  }

  private static Connection connection() throws SQLException {
    return postgres.getPostgresDatabase().getConnection();
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (var rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
