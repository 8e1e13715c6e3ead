package io.capgate.portal.gateway;

import io.capgate.portal.agents.EnrollmentEndpoint;
import io.capgate.portal.gateway.pki.PortalPki;
import org.springframework.stereotype.Component;

/** What enrollment tokens say about the gateway: its public address and the CA it presents. */
@Component
class GatewayEndpoint implements EnrollmentEndpoint {

  private final GatewayProperties properties;
  private final GatewayServer server;
  private final PortalPki pki;

  GatewayEndpoint(GatewayProperties properties, GatewayServer server, PortalPki pki) {
    this.properties = properties;
    this.server = server;
    this.pki = pki;
  }

  @Override
  public String host() {
    String host = properties.publicHost() != null && !properties.publicHost().isBlank()
        ? properties.publicHost().strip()
        : properties.serverNames().isEmpty() ? LocalHost.name() : properties.serverNames().getFirst();
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  @Override
  public int port() {
    if (properties.publicPort() != 0) {
      return properties.publicPort();
    }
    return server.isRunning() ? server.port() : properties.port();
  }

  @Override
  public String caFingerprint() {
    return pki.presentedCaFingerprint();
  }
}
