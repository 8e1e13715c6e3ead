package io.capgate.portal.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.portal.testing.PortalTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded database keeps what it commits: agents free their spool on the ACK that follows a commit. */
@PortalTest
class EmbeddedPostgresIT {

  @Autowired JdbcClient jdbc;

  @Test
  void aCommitIsOnDiskBeforeItReturns() {
    assertThat(setting("synchronous_commit")).isEqualTo("on");
    assertThat(setting("fsync")).isEqualTo("on");
    assertThat(setting("full_page_writes")).isEqualTo("on");
  }

  private String setting(String name) {
    return jdbc.sql("select current_setting(?)").param(name).query(String.class).single();
  }
}
