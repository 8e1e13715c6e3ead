package io.capgate.portal.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.model.protocol.Ack;
import io.capgate.model.protocol.ErrorCode;
import io.capgate.model.protocol.ErrorReply;
import io.capgate.model.protocol.Framing;
import io.capgate.model.protocol.Heartbeat;
import io.capgate.model.protocol.MessageType;
import io.capgate.model.protocol.ProtocolFixtures;
import io.capgate.model.protocol.ProtocolFrames;
import io.capgate.portal.agents.EnrollmentTokens;
import io.capgate.portal.gateway.pki.PortalPki;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Frames the gateway cannot or will not take: typed errors, closes, and the placeholder sink. */
@PortalTest
class GatewayFramingIT {

  private static final long NOW_MILLIS = ProtocolFixtures.NOW_MILLIS;

  @Autowired Fixtures fixtures;
  @Autowired EnrollmentTokens tokens;
  @Autowired GatewayServer server;
  @Autowired PortalPki pki;

  GatewayTestSupport support;

  @BeforeEach
  void setUp() {
    support = new GatewayTestSupport(fixtures, tokens, server, pki);
  }

  @Test
  void anUnknownTypeGetsATypedErrorAndTheSessionGoesOn() {
    try (var agent = support.openSession(support.enroll())) {
      agent.sendRaw(ProtocolFrames.frame(1, 0x7E7E, 9, new byte[] {1, 2, 3}));
      var error = agent.next(ErrorReply.class);
      agent.send(new Heartbeat(10, NOW_MILLIS));

      assertThat(error.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE);
      assertThat(error.requestId()).isEqualTo(9);
      assertThat(error.message()).contains("0x7E7E");
      assertThat(agent.next(Heartbeat.class).requestId()).isEqualTo(10);
    }
  }

  @Test
  void aMalformedFrameGetsMalformedFrameAndACLose() {
    try (var agent = support.openSession(support.enroll())) {
      byte[] body = ByteBuffer.allocate(9).putLong(NOW_MILLIS).put((byte) 0).array();
      agent.sendRaw(ProtocolFrames.frame(1, MessageType.HEARTBEAT.id(), 11, body));

      var error = agent.next(ErrorReply.class);
      assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_FRAME);
      assertThat(error.requestId()).isEqualTo(11);
      assertThat(agent.closedWithin(TestAgent.WAIT)).isTrue();
    }
  }

  @Test
  void anOversizeFrameIsRefusedBeforeItArrivesAndTheConnectionCloses() {
    try (var agent = support.openSession(support.enroll())) {
      byte[] header = ByteBuffer.allocate(Framing.LENGTH_FIELD_BYTES + Framing.HEADER_BYTES)
          .putInt(Framing.MAX_FRAME_BYTES + 1).put((byte) 1).putShort((short) MessageType.HEARTBEAT.id())
          .putLong(12).array();
      agent.sendRaw(header);

      var error = agent.next(ErrorReply.class);
      assertThat(error.code()).isEqualTo(ErrorCode.TOO_LARGE);
      assertThat(error.requestId()).isZero();
      assertThat(agent.closedWithin(TestAgent.WAIT)).isTrue();
    }
  }

  @Test
  void aFrameOfAnUnsupportedVersionIsRefusedWithClose() {
    try (var agent = support.openSession(support.enroll())) {
      byte[] body = ByteBuffer.allocate(8).putLong(NOW_MILLIS).array();
      agent.sendRaw(ProtocolFrames.frame(7, MessageType.HEARTBEAT.id(), 13, body));

      var error = agent.next(ErrorReply.class);
      assertThat(error.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
      assertThat(error.requestId()).isEqualTo(13);
      assertThat(agent.closedWithin(TestAgent.WAIT)).isTrue();
    }
  }

  /**
   * Streaming data is stored by the ingest feature (IngestIT); assignment statuses by the assignments feature
   * (GatewayAssignmentsIT). A report on services the agent is not assigned is acknowledged, not stored, and the
   * session goes on.
   */
  @Test
  void assignmentStatusAboutServicesNotAssignedIsAcknowledgedAndTheSessionGoesOn() {
    try (var agent = support.openSession(support.enroll())) {
      var message = ProtocolFixtures.anAssignmentStatus();
      agent.send(message);

      assertThat(agent.next(Ack.class).requestIds()).containsExactly(message.requestId());
      agent.send(new Heartbeat(20, NOW_MILLIS));
      assertThat(agent.next(Heartbeat.class).requestId()).isEqualTo(20);
    }
  }

  @Test
  void portalMessagesSentByAnAgentAreUnexpected() {
    try (var agent = support.openSession(support.enroll())) {
      agent.send(ProtocolFixtures.anAck());

      var error = agent.next(ErrorReply.class);
      assertThat(error.code()).isEqualTo(ErrorCode.UNEXPECTED_MESSAGE);
      assertThat(error.message()).contains("ACK");
    }
  }
}
