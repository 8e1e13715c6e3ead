package io.capgate.portal.gateway;

import io.capgate.portal.gateway.pki.PkiException;
import io.capgate.portal.gateway.pki.PortalPki;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/** The gateway's TLS settings in one place. */
final class GatewayTls {

  static final String PROTOCOL = "TLSv1.3";

  private GatewayTls() {
  }

  /**
   * TLS 1.3 only, with the server chain up to the CA agents pin. Client certificates are optional, because an
   * enrolling agent has none yet, but one that is presented must chain to the portal CA, the only trust anchor,
   * or the handshake fails.
   */
  static SslContext serverContext(PortalPki pki) {
    try {
      return SslContextBuilder.forServer(pki.serverKey(), pki.serverChain().toArray(X509Certificate[]::new))
          .sslProvider(SslProvider.JDK)
          .protocols(PROTOCOL)
          .trustManager(pki.caCertificate())
          .clientAuth(ClientAuth.OPTIONAL)
          .build();
    } catch (SSLException e) {
      throw new PkiException("Cannot set up the gateway's TLS from its certificates: " + e.getMessage(), e);
    }
  }
}
