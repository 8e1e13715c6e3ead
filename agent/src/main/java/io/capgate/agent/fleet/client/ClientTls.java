package io.capgate.agent.fleet.client;

import io.capgate.agent.fleet.identity.TlsMaterial;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/** The client side of the portal's TLS: TLS 1.3, the JDK provider, the identity package's managers. */
public final class ClientTls {

    /** The portal's gateway speaks only this. */
    public static final String PROTOCOL = "TLSv1.3";

    private ClientTls() {
    }

    /**
     * A client context presenting the agent's certificate (when {@code material} has one) and trusting only the
     * pinned portal CA. Netty checks the portal's host name against its certificate.
     */
    public static SslContext context(TlsMaterial material) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOL)
                    .trustManager(material.trustManager())
                    .endpointIdentificationAlgorithm("HTTPS");
            material.keyManager().ifPresent(builder::keyManager);
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for the portal connection: " + e.getMessage(), e);
        }
    }
}
