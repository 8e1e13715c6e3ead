package io.capgate.agent.fleet.client;

import io.capgate.agent.fleet.spool.Spool;
import io.capgate.model.protocol.Assignments;
import io.capgate.model.protocol.HelloAck;
import io.capgate.model.protocol.Limits;
import io.capgate.model.protocol.ProtectionStatus;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * The agent's long-lived session with the portal: connects with mutual TLS, says HELLO, streams the spool, and
 * reconnects with randomized, capped exponential backoff whenever the connection fails or closes, until
 * {@link #close()} or until the portal refuses the agent for good (UNAUTHORIZED, revoked, no common version),
 * which {@link #finished()} reports.
 *
 * <p>All connection state lives on one event-loop thread; the spool is read on a separate I/O thread.
 */
public final class AgentConnection implements AutoCloseable {

    /** Where the connection is; every change goes to the {@link Listener}. */
    public enum State { CONNECTING, OPEN, WAITING, REFUSED, STOPPED }

    /** How the connection ended. */
    public record Outcome(State state, String reason) {
    }

    /** Hears about state changes and assignments, on the event loop: do not block. */
    public interface Listener {

        void stateChanged(State state, String detail);

        /** Something worth a log line that does not change the state. */
        default void log(String line) {
        }

        /** The portal's complete list of services to supervise. */
        default void assignments(Assignments assignments) {
        }
    }

    private final ConnectionSettings settings;
    private final SslContext tls;
    private final Clock clock;
    private final Listener listener;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "capgate-spool-io");
        t.setDaemon(true);
        return t;
    });
    private final Backoff backoff;
    private final Sender sender;
    private final Bootstrap bootstrap;
    private final CompletableFuture<Outcome> finished = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean stopping;
    private Channel channel;

    /**
     * @param tls    from {@link ClientTls#context}, with the agent's certificate
     * @param random for the backoff
     */
    public AgentConnection(ConnectionSettings settings, SslContext tls, Spool spool, Clock clock,
                           RandomGenerator random, Listener listener) {
        this.settings = settings;
        this.tls = tls;
        this.clock = clock;
        this.listener = listener;
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), random);
        this.sender = new Sender(spool, io, settings.window(), settings.poll(), settings.dropCheckInterval(), clock,
                line -> listener.log(line));
        SessionHandler.Identity identity = new SessionHandler.Identity(settings.agentId(), settings.agentVersion(),
                settings.hostFacts());
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new AgentChannelInitializer(tls, settings.host(), settings.port(), settings.readIdle(),
                        settings.heartbeat(), () -> new SessionHandler(identity, sender, clock, settings.readIdle(),
                        new Events())));
    }

    /** Starts connecting; returns at once. */
    public AgentConnection start() {
        group.execute(this::connect);
        return this;
    }

    /**
     * Sends ASSIGNMENT_STATUS if a session is open; returns at once. Statuses over the protocol's list limit are
     * cut off (the portal keeps its view of the services not mentioned).
     */
    public void report(long revision, List<ProtectionStatus> statuses) {
        List<ProtectionStatus> capped = List.copyOf(statuses.subList(0, Math.min(statuses.size(),
                Limits.MAX_LIST_ENTRIES)));
        try {
            group.execute(() -> {
                Channel ch = channel;
                SessionHandler session = ch == null ? null : ch.pipeline().get(SessionHandler.class);
                if (session != null) {
                    session.report(ch, revision, capped);
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping: there is no session to report to
        }
    }

    /** Completes when the connection is over for good: stopped, or refused by the portal. */
    public CompletableFuture<Outcome> finished() {
        return finished;
    }

    /**
     * Closes the session and stops reconnecting; waits up to a few seconds for the threads to end (not when called
     * on the event loop itself). Closing twice (Ctrl-C while the agent is already stopping) is harmless.
     */
    @Override
    public void close() {
        stopping = true;
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean onEventLoop = group.next().inEventLoop();
        group.execute(() -> {
            if (channel != null) {
                channel.close();
            }
        });
        var terminated = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        if (!onEventLoop) {
            terminated.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        io.shutdown();
        try {
            if (!onEventLoop) {
                io.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (finished.complete(new Outcome(State.STOPPED, "stopped"))) {
            listener.stateChanged(State.STOPPED, "stopped");
        }
    }

    private void connect() {
        if (stopping || finished.isDone()) {
            return;
        }
        listener.stateChanged(State.CONNECTING, "connecting to " + settings.host() + ":" + settings.port());
        ChannelFuture future = bootstrap.connect(settings.host(), settings.port());
        channel = future.channel();
        future.addListener(f -> {
            if (!f.isSuccess()) {
                retry("cannot reach the portal at " + settings.host() + ":" + settings.port() + ": "
                        + SessionHandler.describe(f.cause()));
                return;
            }
            future.channel().closeFuture().addListener(c -> retry("disconnected from the portal"));
        });
    }

    private void retry(String why) {
        if (stopping || finished.isDone()) {
            return;
        }
        Duration wait = backoff.next();
        listener.stateChanged(State.WAITING, why + "; reconnecting in " + wait.toMillis() + " ms");
        group.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private final class Events implements SessionHandler.Events {

        @Override
        public void opened(HelloAck ack) {
            backoff.reset();
            listener.stateChanged(State.OPEN, "session open, protocol version %d, portal stored up to sequence %d, "
                    .formatted(ack.version(), ack.lastStoredSequence()) + "clock skew "
                    + (clock.millis() - ack.serverTimeMillis()) + " ms");
        }

        @Override
        public void refused(String why) {
            if (finished.complete(new Outcome(State.REFUSED, why))) {
                listener.stateChanged(State.REFUSED, why);
            }
        }

        @Override
        public void assignments(Assignments assignments) {
            listener.assignments(assignments);
        }

        @Override
        public void log(String line) {
            listener.log(line);
        }
    }
}
