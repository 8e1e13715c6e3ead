package io.capgate.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.portal.testing.PortalTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@PortalTest
class BootstrapIT {

  @Autowired JdbcClient jdbc;

  @Test
  void firstStartCreatesAnOrganizationAndAnAdminWhoMustChangeTheirPassword() {
    var admin = jdbc.sql("""
        select u.must_change_password, g.role, u.password_hash from users u join role_grants g on g.user_id = u.id
        where u.username = 'admin'""").query().singleRow();

    assertThat(admin.get("must_change_password")).isEqualTo(true);
    assertThat(admin.get("role")).isEqualTo("ORG_ADMIN");
    assertThat((String) admin.get("password_hash")).startsWith("{argon2}");
  }
}
