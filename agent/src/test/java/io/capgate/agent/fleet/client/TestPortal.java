package io.capgate.agent.fleet.client;

import io.capgate.agent.fleet.identity.TestPki;
import io.capgate.agent.fleet.identity.AgentIdentity;
import io.capgate.agent.fleet.identity.CertificatePin;
import io.capgate.agent.fleet.identity.CertificateRequests;
import io.capgate.agent.fleet.identity.PinnedTrustManager;
import io.capgate.agent.fleet.identity.TlsMaterial;
import io.capgate.model.protocol.Ack;
import io.capgate.model.protocol.AgentMessage;
import io.capgate.model.protocol.Bytes;
import io.capgate.model.protocol.EnrollAccepted;
import io.capgate.model.protocol.EnrollRequest;
import io.capgate.model.protocol.Framing;
import io.capgate.model.protocol.Heartbeat;
import io.capgate.model.protocol.Hello;
import io.capgate.model.protocol.HelloAck;
import io.capgate.model.protocol.MessageDecoder;
import io.capgate.model.protocol.MessageEncoder;
import io.capgate.model.protocol.SequencedMessage;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A portal stub on loopback, TLS 1.3 with a Bouncy Castle CA, built from the shared codecs: answers HELLO,
 * echoes heartbeats, stores sequenced messages idempotently by sequence and acknowledges cumulatively, signs
 * CSRs. Tests change its behaviour through the volatile fields.
 */
public final class TestPortal implements AutoCloseable {

    final TestPki.Issued ca = TestPki.ca("Test Portal CA");
    final TestPki.Issued server = TestPki.server(ca, "localhost");
    /** The manifest signing key pair this portal hands out at enrollment. */
    final java.security.KeyPair signing = newSigningKeys();
    final CertificatePin pin = CertificatePin.of(ca.certificate());

    final AtomicInteger connections = new AtomicInteger();
    final List<AgentMessage> received = new CopyOnWriteArrayList<>();
    /** Sequences received, one list per connection. */
    final List<List<Long>> sequencesByConnection = new CopyOnWriteArrayList<>();
    /** How often each sequence was stored (at most once, by construction) and received. */
    final Map<Long, Integer> stored = new ConcurrentHashMap<>();
    final Map<Long, Integer> receivedCounts = new ConcurrentHashMap<>();

    /** Answers HELLO with this instead of HELLO_ACK when set. */
    volatile BiFunction<Hello, Long, AgentMessage> helloReply;
    /** Heartbeat interval offered in HELLO_ACK. */
    volatile Duration heartbeat = Duration.ofSeconds(10);
    /** Answers heartbeats. */
    volatile boolean echoHeartbeats = true;
    /** After storing this sequence: acknowledge it and drop the connection (once). */
    volatile long dropConnectionAt = -1;
    /** Answers ENROLL_REQUEST with this instead of signing when set. */
    volatile AgentMessage enrollReply;
    /** Sent right after every HELLO_ACK when set, as the real portal sends the current assignments. */
    volatile io.capgate.model.protocol.Assignments assignmentsOnHello;
    private final List<Channel> open = new CopyOnWriteArrayList<>();

    private volatile long lastStored;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel listener;

    public TestPortal() throws Exception {
        SslContext tls = SslContextBuilder.forServer(server.keys().getPrivate(), server.certificate(),
                        ca.certificate())
                .sslProvider(SslProvider.JDK).protocols("TLSv1.3")
                .trustManager(ca.certificate()).clientAuth(ClientAuth.OPTIONAL).build();
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        List<Long> sequences = Collections.synchronizedList(new ArrayList<>());
                        sequencesByConnection.add(sequences);
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()), Framing.newFrameDecoder(),
                                Framing.newFramePrepender(), new MessageDecoder(), new MessageEncoder(),
                                new Handler(sequences));
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The CA pin agents enroll with. */
    public CertificatePin caPin() {
        return pin;
    }

    /** Frames received so far, of every connection. */
    public List<AgentMessage> receivedMessages() {
        return List.copyOf(received);
    }

    /** Answers every HELLO with an error of {@code code}. */
    public void refuseHellos(io.capgate.model.protocol.ErrorCode code) {
        helloReply = (hello, stored) -> new io.capgate.model.protocol.ErrorReply(hello.requestId(), code, "");
    }

    /** How many connections were accepted so far. */
    public int connectionsSoFar() {
        return connections.get();
    }

    /** The highest sequence stored without a gap. */
    public long lastStored() {
        return lastStored;
    }

    /** How often each sequence was stored: exactly once each, if nothing was lost or duplicated. */
    public Map<Long, Integer> storedCounts() {
        return Map.copyOf(stored);
    }

    /** Sends ASSIGNMENTS now to every open session, and after every later HELLO_ACK. */
    public void assign(io.capgate.model.protocol.Assignments assignments) {
        assignmentsOnHello = assignments;
        open.forEach(ch -> ch.writeAndFlush(assignments));
    }

    /** From now on sends no ASSIGNMENTS after HELLO_ACK (a portal that has not assigned anything yet). */
    public void forgetAssignments() {
        assignmentsOnHello = null;
    }

    /** Sends a frame to every open session. */
    public void send(AgentMessage message) {
        open.forEach(ch -> ch.writeAndFlush(message));
    }

    /** Closes every open session (the agent reconnects). */
    public void dropConnections() {
        open.forEach(Channel::close);
    }

    /** The Ed25519 key pair whose public half agents get at enrollment as key {@code test-key}. */
    public KeyPair signingKeys() {
        return signing;
    }

    /** Pretends the portal already stored up to {@code sequence}. */
    void storedUpTo(long sequence) {
        lastStored = sequence;
    }

    /** An enrolled agent's identity, its certificate issued by this portal's CA. */
    public AgentIdentity anAgent(String agentId) throws Exception {
        return anAgent(agentId, List.of());
    }

    /** An enrolled agent's identity that trusts these manifest signing keys. */
    public AgentIdentity anAgent(String agentId, List<io.capgate.agent.fleet.identity.SigningKey> signingKeys)
            throws Exception {
        KeyPair keys = CertificateRequests.newKeyPair(TestPki.RANDOM);
        X509Certificate cert = TestPki.client(ca, CertificateRequests.csr(keys, agentId));
        return new AgentIdentity(agentId, "localhost", port(), keys, List.of(cert), ca.certificate(), pin,
                signingKeys);
    }

    /** The TLS client context of such an agent. */
    public SslContext agentTls(AgentIdentity identity) throws Exception {
        return ClientTls.context(TlsMaterial.of(identity.keys().getPrivate(), identity.chain(),
                PinnedTrustManager.forCa(ca.certificate(), pin)));
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Stops listening; closing twice is harmless (a test that stops the portal midway). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<AgentMessage> {

        private final List<Long> sequences;
        private long nextId = 1;
        private boolean dropped;

        Handler(List<Long> sequences) {
            this.sequences = sequences;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, AgentMessage message) {
            if (dropped) {
                return;
            }
            received.add(message);
            switch (message) {
                case Hello hello -> hello(ctx, hello);
                case Heartbeat h -> {
                    if (echoHeartbeats) {
                        ctx.writeAndFlush(new Heartbeat(h.requestId(), System.currentTimeMillis()));
                    }
                }
                case SequencedMessage s -> store(ctx, s);
                case EnrollRequest r -> ctx.writeAndFlush(enrollReply != null ? enrollReply
                        : new EnrollAccepted(r.requestId(), "agent-1", List.of(Bytes.of(der(r))),
                                List.of(new io.capgate.model.protocol.ManifestKey("test-key",
                                        Bytes.of(signing.getPublic().getEncoded()))))).addListener(
                        f -> ctx.close());
                default -> { }
            }
        }

        private void hello(ChannelHandlerContext ctx, Hello hello) {
            if (helloReply != null) {
                ctx.writeAndFlush(helloReply.apply(hello, lastStored));
                return;
            }
            ctx.writeAndFlush(new HelloAck(hello.requestId(), 1, heartbeat, System.currentTimeMillis(), lastStored));
            open.add(ctx.channel());
            ctx.channel().closeFuture().addListener(f -> open.remove(ctx.channel()));
            if (assignmentsOnHello != null) {
                ctx.writeAndFlush(assignmentsOnHello);
            }
        }

        private void store(ChannelHandlerContext ctx, SequencedMessage s) {
            sequences.add(s.sequence());
            receivedCounts.merge(s.sequence(), 1, Integer::sum);
            synchronized (TestPortal.this) {
                if (s.sequence() == lastStored + 1) {
                    stored.merge(s.sequence(), 1, Integer::sum);
                    lastStored = s.sequence();
                }
            }
            if (lastStored > 0) {
                ctx.writeAndFlush(new Ack(nextId++, lastStored, List.of()));
            }
            if (s.sequence() == dropConnectionAt) {
                dropConnectionAt = -1;
                dropped = true;
                ctx.close();
            }
        }

        private byte[] der(EnrollRequest r) {
            try {
                return TestPki.client(ca, r.csr().toArray()).getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static java.security.KeyPair newSigningKeys() {
        try {
            return java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
