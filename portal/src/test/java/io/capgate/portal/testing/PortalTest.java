package io.capgate.portal.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A portal test on a real PostgreSQL with the Flyway migrations applied: a Testcontainers
 * PostgreSQL when a Docker engine answers, else the embedded one in a fresh temporary folder.
 * Tests sharing this configuration share one context and database, so they create their own
 * organization through {@link Fixtures} and never depend on each other's rows.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Import(Fixtures.class)
@ExtendWith(ContextSecurityExtension.class)
public @interface PortalTest {}
