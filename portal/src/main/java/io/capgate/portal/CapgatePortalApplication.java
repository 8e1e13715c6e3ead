package io.capgate.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Capgate portal: organizations, projects, services, manifests, approvals and the audit log. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CapgatePortalApplication {

  public static void main(String[] args) {
    SpringApplication.run(CapgatePortalApplication.class, args);
  }
}
