package io.capgate.portal.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.protocol.AgentMessage;
import io.capgate.model.protocol.CloseNotice;
import io.capgate.model.protocol.CloseReason;
import io.capgate.model.protocol.ErrorCode;
import io.capgate.model.protocol.ErrorReply;
import io.capgate.model.protocol.Framing;
import io.capgate.model.protocol.MessageDecoder;
import io.capgate.model.protocol.MessageEncoder;
import io.capgate.model.protocol.MessageType;
import io.capgate.model.protocol.ProtocolFrames;
import io.capgate.portal.agents.AgentIdentity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The end of the pipeline on an {@link EmbeddedChannel}: idleness and undecodable frames. */
class ConnectionGuardTest {

  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final Connection connection = new Connection(channel, Runnable::run);

  ConnectionGuardTest() {
    channel.attr(Connection.KEY).set(connection);
    channel.pipeline()
        .addLast(new MessageDecoder())
        .addLast(GatewayChannelInitializer.MESSAGE_ENCODER, new MessageEncoder())
        .addLast(new ConnectionGuard(new RateLimitedLog(LoggerFactory.getLogger(ConnectionGuardTest.class),
            Clock.systemUTC(), Duration.ofMinutes(1))));
  }

  @AfterEach
  void release() {
    channel.finishAndReleaseAll();
  }

  @Test
  void anIdleSessionIsToldWhyAndClosed() {
    connection.open(new AgentIdentity("agent-1", 1, 2), 1);

    channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
    channel.runPendingTasks();

    assertThat(written()).isInstanceOfSatisfying(CloseNotice.class,
        notice -> assertThat(notice.reason()).isEqualTo(CloseReason.IDLE_TIMEOUT));
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void anIdleConnectionWithoutSessionIsJustClosed() {
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
    channel.runPendingTasks();

    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void anUnknownTypeIsAnsweredAndTheConnectionStays() {
    channel.writeInbound(frame(ProtocolFrames.frame(1, 0x0999, 5, new byte[0])));

    assertThat(written()).isInstanceOfSatisfying(ErrorReply.class, error -> {
      assertThat(error.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE);
      assertThat(error.requestId()).isEqualTo(5);
    });
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void anUndecodableErrorIsNotAnsweredWithAnError() {
    channel.writeInbound(frame(ProtocolFrames.frame(1, MessageType.ERROR.id(), 6, new byte[] {0})));

    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(channel.isOpen()).isFalse();
  }

  private static ByteBuf frame(byte[] withLengthPrefix) {
    return Unpooled.wrappedBuffer(Arrays.copyOfRange(withLengthPrefix, Framing.LENGTH_FIELD_BYTES,
        withLengthPrefix.length));
  }

  private AgentMessage written() {
    ByteBuf frame = channel.readOutbound();
    assertThat(frame).as("a frame written to the agent").isNotNull();
    try {
      return MessageDecoder.decode(frame);
    } finally {
      frame.release();
    }
  }
}
