package io.capgate.portal.gateway;

import io.capgate.portal.base.PortalProperties;
import io.capgate.portal.gateway.pki.PkiStore;
import io.capgate.portal.gateway.pki.PortalPki;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's keys: loaded from {@code <data dir>/pki}, created there on first start. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

  @Bean
  PortalPki portalPki(PortalProperties portal, GatewayProperties gateway, Clock clock) {
    List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", LocalHost.name()));
    names.addAll(gateway.serverNames());
    var tls = gateway.tls();
    return PkiStore.loadOrCreate(pkiFolder(portal), names,
        new PkiStore.ConfiguredTls(tls.certificate(), tls.privateKey(), tls.caCertificate()), clock);
  }

  @Bean
  ManifestSigner manifestSigner(PortalProperties portal) {
    return ManifestSigner.loadOrCreate(pkiFolder(portal));
  }

  static Path pkiFolder(PortalProperties portal) {
    return portal.dataDir().resolve("pki");
  }
}
