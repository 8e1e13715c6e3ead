package io.capgate.agent.fleet.client;

import io.capgate.agent.fleet.client.EnrollmentException.Reason;
import io.capgate.agent.fleet.identity.AgentIdentity;
import io.capgate.agent.fleet.identity.EnrollmentToken;
import io.capgate.agent.fleet.identity.IdentityStore;
import io.capgate.agent.fleet.identity.SigningKey;
import io.capgate.agent.fleet.identity.TlsMaterial;
import io.capgate.model.protocol.Bytes;
import io.capgate.model.protocol.EnrollAccepted;
import io.capgate.model.protocol.EnrollRequest;
import io.capgate.model.protocol.HostFacts;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Enrolls the agent with a one-time token: TLS without a client certificate, trusting only a portal whose chain
 * holds the CA with the token's pin; then ENROLL_REQUEST (the token, a CSR for the agent's key, the host facts),
 * and the issued chain, checked against the pinned CA and the agent's key, is stored with the CA in the state
 * directory ({@link IdentityStore#saveEnrollment}). The protocol's ENROLL_ACCEPTED carries no manifest signing
 * keys, so none are stored yet.
 */
public final class Enrollment {

    private final Duration timeout;

    /** @param timeout how long connecting, the handshake and the portal's answer may take in all */
    public Enrollment(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Enrolls and stores the identity.
     *
     * @throws EnrollmentException when the portal is unreachable, untrusted or refuses
     * @throws IOException         when the state directory cannot be written or the issued chain is unusable
     */
    public AgentIdentity enroll(EnrollmentToken token, IdentityStore store, HostFacts host)
            throws EnrollmentException, IOException, InterruptedException {
        byte[] csr = store.certificateRequest(host.hostname());
        CompletableFuture<EnrollmentHandler.Accepted> result = new CompletableFuture<>();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            var bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), 30_000))
                    .handler(new AgentChannelInitializer(ClientTls.context(TlsMaterial.forEnrollment(token.pin())),
                            token.host(), token.port(), timeout, Duration.ZERO,
                            () -> new EnrollmentHandler(token.pin(), id -> new EnrollRequest(id, token.encode(),
                                    Bytes.of(csr), host), result)));
            bootstrap.connect(token.host(), token.port()).addListener(f -> {
                if (!f.isSuccess()) {
                    result.completeExceptionally(new EnrollmentException(Reason.UNREACHABLE, "cannot reach the "
                            + "portal at " + token.host() + ":" + token.port() + " ("
                            + SessionHandler.describe(f.cause()) + "); check the address and that the portal's "
                            + "agent port is open", null, f.cause()));
                }
            });
            EnrollmentHandler.Accepted accepted = await(result);
            return store.saveEnrollment(accepted.accepted().agentId(), token,
                    certificates(accepted.accepted().certificateChain()), accepted.portalCa(),
                    signingKeys(accepted.accepted()));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** The portal's manifest signing keys; a key that is not Ed25519 fails the enrollment before anything is kept. */
    private static List<SigningKey> signingKeys(EnrollAccepted accepted) throws EnrollmentException {
        try {
            return accepted.signingKeys().stream()
                    .map(k -> SigningKey.fromSpki(k.keyId(), k.publicKey().toArray())).toList();
        } catch (IllegalArgumentException e) {
            throw new EnrollmentException(Reason.PROTOCOL, "the portal sent an unusable manifest signing key: "
                    + e.getMessage(), null, e);
        }
    }

    private EnrollmentHandler.Accepted await(CompletableFuture<EnrollmentHandler.Accepted> result)
            throws EnrollmentException, InterruptedException {
        try {
            return result.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EnrollmentException enrollment) {
                throw enrollment;
            }
            throw new EnrollmentException(Reason.PROTOCOL, "enrollment failed: " + e.getCause(), null, e.getCause());
        } catch (TimeoutException e) {
            throw new EnrollmentException(Reason.UNREACHABLE, "the portal did not answer within "
                    + timeout.toSeconds() + " s", null, e);
        }
    }

    private static List<X509Certificate> certificates(List<Bytes> chain) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Bytes der : chain) {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der.toArray())));
            }
        } catch (CertificateException e) {
            throw new IOException("the portal sent a certificate chain that cannot be read: " + e.getMessage(), e);
        }
        return out;
    }
}
