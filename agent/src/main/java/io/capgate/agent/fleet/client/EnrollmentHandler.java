package io.capgate.agent.fleet.client;

import io.capgate.agent.fleet.client.EnrollmentException.Reason;
import io.capgate.agent.fleet.identity.CertificatePin;
import io.capgate.agent.fleet.identity.PinnedTrustManager;
import io.capgate.model.protocol.AgentMessage;
import io.capgate.model.protocol.EnrollAccepted;
import io.capgate.model.protocol.EnrollRequest;
import io.capgate.model.protocol.ErrorReply;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The enrollment connection's one exchange: only after the TLS handshake succeeded (the portal proved it holds a
 * certificate chaining to the pinned CA) is the ENROLL_REQUEST, with the token, written; then ENROLL_ACCEPTED or an
 * ERROR completes {@code result}.
 */
final class EnrollmentHandler extends SimpleChannelInboundHandler<AgentMessage> {

    /** What the portal answered, with the pinned CA certificate from its TLS chain. */
    record Accepted(EnrollAccepted accepted, X509Certificate portalCa) {
    }

    private final CertificatePin pin;
    private final LongFunction<EnrollRequest> request;
    private final CompletableFuture<Accepted> result;
    private X509Certificate portalCa;

    EnrollmentHandler(CertificatePin pin, LongFunction<EnrollRequest> request, CompletableFuture<Accepted> result) {
        super(AgentMessage.class);
        this.pin = pin;
        this.request = request;
        this.result = result;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                fail(ctx, new EnrollmentException(Reason.UNTRUSTED_PORTAL, untrusted(done.cause()), null,
                        done.cause()));
                return;
            }
            try {
                Certificate[] peer = ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
                portalCa = PinnedTrustManager.pinnedCertificate(pin, Arrays.stream(peer)
                        .map(X509Certificate.class::cast).toArray(X509Certificate[]::new)).orElseThrow();
            } catch (SSLPeerUnverifiedException | RuntimeException e) {
                fail(ctx, new EnrollmentException(Reason.UNTRUSTED_PORTAL, "the portal's certificate chain does not "
                        + "hold the pinned CA " + pin, null, e));
                return;
            }
            ctx.writeAndFlush(request.apply(1));
        } else if (event instanceof IdleStateEvent) {
            fail(ctx, new EnrollmentException(Reason.PROTOCOL, "the portal did not answer the enrollment request in "
                    + "time; retry later", null, null));
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, AgentMessage message) {
        switch (message) {
            case EnrollAccepted accepted -> {
                result.complete(new Accepted(accepted, portalCa));
                ctx.close();
            }
            case ErrorReply error -> fail(ctx, new EnrollmentException(Reason.REFUSED, refusal(error), error.code(),
                    null));
            default -> fail(ctx, new EnrollmentException(Reason.PROTOCOL, "the portal answered the enrollment "
                    + "request with " + message.type(), null, null));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new EnrollmentException(Reason.PROTOCOL, "the portal closed the connection without answering "
                + "the enrollment request", null, null));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        boolean tls = cause.getCause() instanceof javax.net.ssl.SSLException;
        fail(ctx, new EnrollmentException(tls ? Reason.UNTRUSTED_PORTAL : Reason.PROTOCOL,
                tls ? untrusted(cause) : "enrollment failed: " + SessionHandler.describe(cause), null, cause));
    }

    private void fail(ChannelHandlerContext ctx, EnrollmentException e) {
        result.completeExceptionally(e);
        ctx.close();
    }

    private String untrusted(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CertificateException) {
                return "the portal is not trusted: " + t.getMessage() + ". Nothing was sent; check that the token "
                        + "is for this portal (its CA pin is " + pin + ")";
            }
        }
        return "the TLS handshake with the portal failed (" + SessionHandler.describe(cause) + "); nothing was sent";
    }

    private static String refusal(ErrorReply error) {
        String what = switch (error.code()) {
            case ENROLLMENT_TOKEN_USED -> "the enrollment token was already used: create a new one in the portal";
            case ENROLLMENT_TOKEN_EXPIRED -> "the enrollment token has expired: create a new one in the portal";
            case ENROLLMENT_TOKEN_INVALID -> "the portal does not know this enrollment token: copy it again or "
                    + "create a new one";
            case CSR_REJECTED -> "the portal rejected the agent's certificate request";
            default -> "the portal refused the enrollment";
        };
        return what + " (" + error.code() + (error.message().isEmpty() ? "" : ": " + error.message()) + ")";
    }
}
