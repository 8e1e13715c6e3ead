package io.capgate.portal.gateway;

import io.capgate.model.protocol.AgentMessage;
import io.capgate.model.protocol.CloseNotice;
import io.capgate.model.protocol.CloseReason;
import io.capgate.model.protocol.ErrorReply;
import io.capgate.model.protocol.Limits;
import io.capgate.model.protocol.MessageEncoder;
import io.capgate.model.protocol.ProtocolVersion;
import io.capgate.portal.agents.AgentIdentity;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One agent connection: its state in the protocol, the client certificate it presented, its serial queue of
 * database work, and, once HELLO_ACK is written, the {@link AgentSession} handed to sinks. State changes happen on
 * the channel's event loop; the session methods may be called from any thread.
 */
final class Connection implements AgentSession {

  static final AttributeKey<Connection> KEY = AttributeKey.valueOf(Connection.class, "connection");

  /** Where a connection is in the protocol. */
  enum State {
    /** Nothing received yet. */
    NEW,
    /** An ENROLL_REQUEST is being processed; nothing else is accepted. */
    ENROLLING,
    /** HELLO is being checked against the database. */
    HELLO_PENDING,
    /** HELLO_ACK was written: the session is open. */
    OPEN,
    /** A final frame was written; the channel is closing. */
    CLOSING
  }

  private final Channel channel;
  private final SerialQueue queue;
  private final AtomicLong requestIds = new AtomicLong();
  private Optional<PeerCertificate> peer;
  private volatile State state = State.NEW;
  private volatile AgentIdentity identity;
  private volatile int version = ProtocolVersion.CURRENT;

  Connection(Channel channel, Executor databasePool) {
    this.channel = channel;
    this.queue = new SerialQueue(databasePool, channel);
  }

  State state() {
    return state;
  }

  void state(State next) {
    state = next;
  }

  /** The verified client certificate, or empty on an enrollment connection. Read once the handshake is done. */
  Optional<PeerCertificate> peer() {
    if (peer == null) {
      peer = PeerCertificate.of(channel.pipeline().get(SslHandler.class).engine().getSession());
    }
    return peer;
  }

  /**
   * Runs {@code work} on the database pool after this connection's earlier work, then {@code onSuccess} or
   * {@code onFailure} on the event loop. A full pool fails at once with {@link RejectedExecutionException}.
   */
  <T> void callDatabase(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
    boolean queued = queue.offer(() -> {
      try {
        T result = work.call();
        onEventLoop(() -> onSuccess.accept(result));
      } catch (Exception | LinkageError e) {
        onEventLoop(() -> onFailure.accept(e));
      }
    });
    if (!queued) {
      onFailure.accept(new RejectedExecutionException("the gateway's database pool is full"));
    }
  }

  /** Runs {@code work} on the database pool after this connection's earlier work; false if the pool is full. */
  boolean submit(Runnable work) {
    return queue.offer(work);
  }

  /** Writes a message; a failed write (e.g. over the frame limit) reaches the pipeline's exception handling. */
  void reply(AgentMessage message) {
    channel.writeAndFlush(message).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
  }

  /** Writes an error, then closes the connection if the code is fatal. */
  void replyError(ErrorReply error) {
    if (error.code().fatal()) {
      replyAndClose(error);
    } else {
      reply(error);
    }
  }

  /** Writes a last message and closes the connection after it. */
  void replyAndClose(AgentMessage message) {
    state = State.CLOSING;
    channel.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE);
  }

  /** HELLO was accepted: from now on frames are written in the negotiated version. */
  void open(AgentIdentity agent, int negotiatedVersion) {
    identity = agent;
    version = negotiatedVersion;
    if (negotiatedVersion != ProtocolVersion.CURRENT) {
      channel.pipeline().replace(GatewayChannelInitializer.MESSAGE_ENCODER, GatewayChannelInitializer.MESSAGE_ENCODER,
          new MessageEncoder(negotiatedVersion));
    }
    state = State.OPEN;
  }

  Channel channel() {
    return channel;
  }

  @Override
  public String agentId() {
    return identity().agentId();
  }

  @Override
  public long organizationId() {
    return identity().organizationId();
  }

  @Override
  public long projectId() {
    return identity().projectId();
  }

  @Override
  public int protocolVersion() {
    return version;
  }

  @Override
  public SocketAddress remoteAddress() {
    return channel.remoteAddress();
  }

  @Override
  public long nextRequestId() {
    return requestIds.incrementAndGet();
  }

  @Override
  public void send(AgentMessage message) {
    reply(message);
  }

  @Override
  public void close(CloseReason reason, String message) {
    onEventLoop(() -> {
      if (channel.isActive() && state != State.CLOSING) {
        replyAndClose(new CloseNotice(nextRequestId(), reason, Limits.clip(message, Limits.MAX_TEXT_BYTES)));
      }
    });
  }

  @Override
  public boolean isOpen() {
    return state == State.OPEN && channel.isActive();
  }

  boolean hasSession() {
    return identity != null;
  }

  private AgentIdentity identity() {
    AgentIdentity agent = identity;
    if (agent == null) {
      throw new IllegalStateException("The connection has no open session yet");
    }
    return agent;
  }

  private void onEventLoop(Runnable action) {
    try {
      channel.eventLoop().execute(action);
    } catch (RejectedExecutionException e) {
      // The gateway is shutting down and the channel with it: there is nobody left to answer.
    }
  }
}
