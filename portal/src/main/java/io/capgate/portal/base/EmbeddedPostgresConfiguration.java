package io.capgate.portal.base;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The default database: a real PostgreSQL 17 run from the portal's data folder, so the run command
 * needs no install. Its data survives restarts. Setting {@code spring.datasource.url} (the usual
 * Spring variables, e.g. {@code SPRING_DATASOURCE_URL}) switches this off and Boot's own
 * {@code DataSource} takes over; Flyway migrates either one on start.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalDataSource.class)
class EmbeddedPostgresConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(PortalProperties properties) throws IOException {
    Path dataDir = properties.dataDir().resolve("pgdata");
    Files.createDirectories(dataDir.getParent());
    var postgres = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(properties.cleanEmbeddedDb())
        .setPort(properties.embeddedDbPort())
        .setPGStartupWait(Duration.ofSeconds(60))
        // The library turns synchronous_commit off (made for throwaway test databases). Here a commit is a promise:
        // the gateway ACKs agent records once their transaction commits and the agent then frees its spool, so a
        // commit must be on disk before it returns, or a host crash loses records both sides think are safe.
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("fsync", "on")
        // Agents stream observations continuously: fewer checkpoints mean fewer full-page images in the WAL
        // (measured in the fleet benchmark). The WAL may then grow to about this size on disk.
        .setServerConfig("max_wal_size", "4GB")
        .setServerConfig("checkpoint_timeout", "15min")
        .start();
    log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDir);
    return postgres;
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(EmbeddedPostgres postgres) {
    var config = new HikariConfig();
    config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    config.setUsername("postgres");
    config.setMaximumPoolSize(10);
    config.setPoolName("capgate-embedded");
    return new HikariDataSource(config);
  }
}
