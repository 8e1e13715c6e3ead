package io.capgate.agent.fleet.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real TLS handshakes on the loopback interface between a test portal and the agent's material. */
class TlsMaterialTest {

    private static final char[] PASSWORD = "test".toCharArray();

    private final TestPki.Issued portalCa = TestPki.ca("Portal CA");
    private final TestPki.Issued server = TestPki.server(portalCa, "localhost");
    private final CertificatePin pin = CertificatePin.of(portalCa.certificate());
    private final KeyPair agentKeys = CertificateRequests.newKeyPair(TestPki.RANDOM);
    private final X509Certificate agentCert = TestPki.client(portalCa, CertificateRequests.csr(agentKeys, "web-01"));
    private SSLServerSocket listener;

    @AfterEach
    void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    /** A portal that sends its CA in its chain and, if {@code requireClient}, wants a certificate from its CA. */
    private CompletableFuture<String> portal(boolean requireClient) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("portal", server.keys().getPrivate(), PASSWORD,
                new X509Certificate[] {server.certificate(), portalCa.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(keys, PASSWORD);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", portalCa.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), TestPki.RANDOM);
        listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress());
        listener.setNeedClientAuth(requireClient);
        listener.setSoTimeout(20_000);
        return CompletableFuture.supplyAsync(() -> {
            try (SSLSocket s = (SSLSocket) listener.accept()) {
                s.setSoTimeout(20_000);
                s.startHandshake();
                s.getOutputStream().write(1);
                return requireClient ? ((X509Certificate) s.getSession().getPeerCertificates()[0])
                        .getSubjectX500Principal().getName() : "anonymous";
            } catch (IOException e) {
                return "refused: " + e.getMessage();
            }
        });
    }

    private SSLSocket connect(TlsMaterial material) throws IOException {
        SSLSocket socket = (SSLSocket) material.sslContext(TestPki.RANDOM).getSocketFactory()
                .createSocket("localhost", listener.getLocalPort());
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(params);
        socket.setSoTimeout(20_000);
        return socket;
    }

    @Test
    void anEnrolledAgentAuthenticatesBothWays() throws Exception {
        CompletableFuture<String> portal = portal(true);
        TlsMaterial material = TlsMaterial.of(agentKeys.getPrivate(), List.of(agentCert),
                PinnedTrustManager.forCa(portalCa.certificate(), pin));

        try (SSLSocket socket = connect(material)) {
            socket.startHandshake();
            assertThat(socket.getInputStream().read()).isEqualTo(1);
        }
        assertThat(portal.get(30, TimeUnit.SECONDS)).isEqualTo("CN=web-01");
        assertThat(material.keyManager()).isPresent();
    }

    @Test
    void theEnrollmentConnectionTrustsByPinAndYieldsTheCaToStore() throws Exception {
        CompletableFuture<String> portal = portal(false);
        TlsMaterial material = TlsMaterial.forEnrollment(pin);

        try (SSLSocket socket = connect(material)) {
            socket.startHandshake();
            X509Certificate[] chain = (X509Certificate[]) socket.getSession().getPeerCertificates();
            assertThat(PinnedTrustManager.pinnedCertificate(pin, chain)).contains(portalCa.certificate());
        }
        assertThat(portal.get(30, TimeUnit.SECONDS)).isEqualTo("anonymous");
        assertThat(material.keyManager()).isEmpty();
    }

    @Test
    void aPortalWithAnotherCaIsRefusedDuringTheHandshake() throws Exception {
        CompletableFuture<String> portal = portal(false);
        TlsMaterial material = TlsMaterial.forEnrollment(CertificatePin.of(TestPki.ca("Impostor CA").certificate()));

        try (SSLSocket socket = connect(material)) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("does not contain the pinned CA");
        }
        assertThat(portal.get(30, TimeUnit.SECONDS)).startsWith("refused");
    }
}
