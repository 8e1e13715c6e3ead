package io.capgate.portal.gateway;

import io.capgate.model.protocol.CloseReason;
import io.capgate.portal.agents.AgentEnrollment;
import io.capgate.portal.agents.AssignmentDistribution;
import io.capgate.portal.gateway.pki.PortalPki;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The agent gateway's Netty server, started and stopped with the portal. One acceptor thread and a few event loop
 * threads ({@code capgate.gateway.worker-threads}) serve every connection, because nothing on them blocks: the
 * database work goes to a bounded pool. On stop, live sessions get {@code CLOSE_NOTICE SHUTTING_DOWN} and the
 * collected last-seen times are written.
 */
@Component
public class GatewayServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

  private final GatewayProperties properties;
  private final PortalPki pki;
  private final ManifestSigner signer;
  private final AgentEnrollment agents;
  private final ObjectProvider<AgentMessageSink> sinks;
  private final LiveSessions sessions;
  private final AssignmentPusher assignments;
  private final AssignmentDistribution distribution;
  private final Clock clock;
  private volatile Runtime runtime;

  GatewayServer(GatewayProperties properties, PortalPki pki, ManifestSigner signer, AgentEnrollment agents,
      ObjectProvider<AgentMessageSink> sinks, LiveSessions sessions, AssignmentPusher assignments,
      AssignmentDistribution distribution, Clock clock) {
    this.assignments = assignments;
    this.distribution = distribution;
    this.properties = properties;
    this.pki = pki;
    this.signer = signer;
    this.agents = agents;
    this.sinks = sinks;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** What runs while the gateway is started. */
  private record Runtime(EventLoopGroup acceptor, EventLoopGroup workers, GatewayExecutor database,
      LastSeenRecorder lastSeen, Channel server, int port) {}

  @Override
  public synchronized void start() {
    if (runtime != null || !properties.enabled()) {
      return;
    }
    var database = new GatewayExecutor(properties.databaseThreads(), properties.databaseQueue());
    var lastSeen = new LastSeenRecorder(agents, clock);
    var initializer = initializer(database, lastSeen);
    var acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("capgate-gateway-accept", true),
        NioIoHandler.newFactory());
    var workers = new MultiThreadIoEventLoopGroup(properties.workerThreads(),
        new DefaultThreadFactory("capgate-gateway", true), NioIoHandler.newFactory());
    try {
      Channel server = new ServerBootstrap()
          .group(acceptor, workers)
          .channel(NioServerSocketChannel.class)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childOption(ChannelOption.SO_KEEPALIVE, true)
          .childHandler(initializer)
          .bind(properties.bindAddress(), properties.port()).syncUninterruptibly().channel();
      int port = ((InetSocketAddress) server.localAddress()).getPort();
      scheduleFlushes(workers, database, lastSeen);
      runtime = new Runtime(acceptor, workers, database, lastSeen, server, port);
      log.info("Agent gateway listening on {}:{} (TLS 1.3, CA SHA-256 {})", properties.bindAddress(), port,
          pki.presentedCaFingerprint());
    } catch (RuntimeException e) {
      shutDown(acceptor, workers, database);
      throw new IllegalStateException("The agent gateway cannot listen on " + properties.bindAddress() + ":"
          + properties.port() + " (capgate.gateway.port): " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void stop() {
    Runtime running = runtime;
    if (running == null) {
      return;
    }
    runtime = null;
    sessions.closeAll(CloseReason.SHUTTING_DOWN, "the portal is shutting down");
    running.server().close().syncUninterruptibly();
    shutDown(running.acceptor(), running.workers(), running.database());
    running.lastSeen().flush();
    log.info("Agent gateway stopped");
  }

  @Override
  public boolean isRunning() {
    return runtime != null;
  }

  /** The port the gateway listens on (the chosen one when configured as 0). */
  public int port() {
    Runtime running = runtime;
    if (running == null) {
      throw new IllegalStateException("The agent gateway is not running");
    }
    return running.port();
  }

  private GatewayChannelInitializer initializer(GatewayExecutor database, LastSeenRecorder lastSeen) {
    var refusals = new RateLimitedLog(LoggerFactory.getLogger("io.capgate.portal.gateway.Connections"), clock,
        Duration.ofMinutes(1));
    AgentMessageSink sink = sinks.getIfAvailable(UnsupportedMessageSink::new);
    var handlers = new SessionHandler.Handlers(new EnrollmentHandler(agents, pki, signer, refusals),
        new HelloHandler(agents, sink, sessions, clock, properties.heartbeatInterval(), refusals, assignments), sink,
        new StatusHandler(distribution, refusals), sessions, lastSeen, clock, refusals);
    return new GatewayChannelInitializer(GatewayTls.serverContext(pki), properties.readIdleTimeout(), database,
        handlers, new ConnectionGuard(refusals));
  }

  private void scheduleFlushes(EventLoopGroup workers, GatewayExecutor database, LastSeenRecorder lastSeen) {
    long every = properties.lastSeenFlushInterval().toMillis();
    workers.scheduleAtFixedRate(() -> {
      try {
        database.execute(lastSeen::flush);
      } catch (RejectedExecutionException e) {
        // Busy or stopping: the times stay collected for the next flush.
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  private static void shutDown(EventLoopGroup acceptor, EventLoopGroup workers, GatewayExecutor database) {
    acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    database.close();
  }
}
