package io.capgate.portal.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.protocol.AgentMessage;
import io.capgate.model.protocol.Framing;
import io.capgate.model.protocol.MessageDecoder;
import io.capgate.model.protocol.MessageEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Socket;
import java.security.KeyPair;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A minimal agent for gateway tests: Netty over TLS 1.3 with the protocol's codecs, trusting the gateway's CA
 * (with host name verification), optionally presenting a client certificate. It records what it receives and
 * whether the connection closed; {@link #sendRaw} writes hand-made frames under TLS.
 */
public final class TestAgent implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(5);
  private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1,
      new DefaultThreadFactory("test-agent", true), NioIoHandler.newFactory());

  private final Channel channel;
  private final BlockingQueue<AgentMessage> received = new LinkedBlockingQueue<>();
  private volatile Throwable failure;

  private TestAgent(int port, SslContext tls) {
    channel = new Bootstrap().group(GROUP).channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline()
                .addLast("tls", tls.newHandler(ch.alloc(), "localhost", port))
                .addLast("frame-decoder", Framing.newFrameDecoder())
                .addLast(Framing.newFramePrepender(), new MessageDecoder(), new MessageEncoder())
                .addLast(new SimpleChannelInboundHandler<AgentMessage>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, AgentMessage message) {
                    received.add(message);
                  }

                  @Override
                  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    failure = cause;
                    ctx.close();
                  }
                });
          }
        })
        .connect("127.0.0.1", port).syncUninterruptibly().channel();
  }

  /** An agent without a client certificate: it can only enroll. */
  static TestAgent withoutCertificate(int port, X509Certificate trustedCa) {
    return new TestAgent(port, context(trustedCa, null, null));
  }

  /** An agent presenting its certificate chain, whatever CAs the server asks for. */
  static TestAgent withCertificate(int port, X509Certificate trustedCa, KeyPair keys, List<X509Certificate> chain) {
    return new TestAgent(port, context(trustedCa, keys.getPrivate(), chain.toArray(X509Certificate[]::new)));
  }

  public void send(AgentMessage message) {
    channel.writeAndFlush(message).syncUninterruptibly();
  }

  /** Writes bytes as they are (length prefix included) under TLS, past the test agent's own encoders. */
  void sendRaw(byte[] bytes) {
    channel.pipeline().context("frame-decoder").writeAndFlush(Unpooled.wrappedBuffer(bytes)).syncUninterruptibly();
  }

  /** The next message, failing after {@link #WAIT}. */
  public <T extends AgentMessage> T next(Class<T> type) {
    try {
      AgentMessage message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(message).as("a %s from the gateway (failure: %s)", type.getSimpleName(), failure).isNotNull();
      assertThat(message).isInstanceOf(type);
      return type.cast(message);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Whether the gateway closed the connection within {@code timeout}. */
  public boolean closedWithin(Duration timeout) {
    return channel.closeFuture().awaitUninterruptibly(timeout.toMillis());
  }

  /** Messages received and not yet taken. */
  public List<AgentMessage> pending() {
    return List.copyOf(received);
  }

  Throwable failure() {
    return failure;
  }

  /**
   * The failure that ended the connection, waiting up to {@link #WAIT} for it: when the peer closes first, TLS
   * reports the failed handshake on channelInactive, after the close future has completed.
   */
  Throwable awaitFailure() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (failure == null && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      channel.eventLoop().submit(() -> { }).syncUninterruptibly();
    }
    return failure;
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }

  private static SslContext context(X509Certificate trustedCa, PrivateKey key, X509Certificate[] chain) {
    try {
      var builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols("TLSv1.3")
          .trustManager(trustedCa);
      if (key != null) {
        builder.keyManager(new AlwaysPresent(key, chain));
      }
      return builder.build();
    } catch (SSLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Presents its one certificate even when the server names other CAs, as a misconfigured agent would. */
  private static final class AlwaysPresent extends X509ExtendedKeyManager {

    private final PrivateKey key;
    private final X509Certificate[] chain;

    AlwaysPresent(PrivateKey key, X509Certificate[] chain) {
      this.key = key;
      this.chain = chain;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return "agent";
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return "agent";
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {"agent"};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return chain.clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return key;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return new String[0];
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }
}
