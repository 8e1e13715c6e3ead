package io.capgate.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;

/**
 * Frames a peer may send but no encoder writes, at the frame level: truncated bodies, trailing bytes, short
 * headers, unknown types and versions. Each fails with a typed exception carrying what an Error reply needs.
 */
class MalformedFrameTest {

    private final PipelineHarness pipeline = new PipelineHarness();

    @AfterEach
    void releasesEveryBuffer() {
        pipeline.finishAndAssertReleased();
    }

    static List<AgentMessage> everyType() {
        return ProtocolFixtures.oneOfEachType();
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void everyTruncationOfEveryBodyIsMalformed(AgentMessage message) {
        byte[] body = ProtocolFrames.body(ProtocolFrames.encode(message));

        for (int length = 0; length < body.length; length++) {
            byte[] frame = frame(message.type().id(), message.requestId(), Arrays.copyOf(body, length));
            assertThatThrownBy(() -> pipeline.writeInbound(frame))
                    .as("body cut to %d of %d bytes", length, body.length)
                    .asInstanceOf(type(MalformedFrameException.class))
                    .satisfies(e -> {
                        assertThat(e.typeId()).isEqualTo(message.type().id());
                        assertThat(e.requestId()).isEqualTo(message.requestId());
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.MALFORMED_FRAME);
                        assertThat(e.getMessage()).contains(message.type().name());
                    });
        }
        assertThat(pipeline.readInbound()).isNull();
    }

    @Test
    void truncationNamesTheField() {
        byte[] body = ProtocolFrames.body(ProtocolFrames.encode(ProtocolFixtures.aHeartbeat()));

        assertThatThrownBy(() -> pipeline.writeInbound(frame(MessageType.HEARTBEAT.id(), 42, Arrays.copyOf(body, 5))))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("malformed HEARTBEAT frame (request 42): field sentAtMillis needs 8 bytes but only 5 remain");
    }

    @Test
    void unknownTypeCarriesTypeAndRequestIdForAnUnsupportedTypeReply() {
        assertThatThrownBy(() -> pipeline.writeInbound(frame(0x0999, 77, new byte[] {1, 2, 3})))
                .asInstanceOf(type(UnknownMessageTypeException.class))
                .satisfies(e -> {
                    assertThat(e.typeId()).isEqualTo(0x0999);
                    assertThat(e.requestId()).isEqualTo(77);
                    assertThat(e.toErrorReply()).isEqualTo(new ErrorReply(77, ErrorCode.UNSUPPORTED_TYPE,
                            "unknown message type 0x0999 (request 77)"));
                });
    }

    @Test
    void unsupportedVersionIsTypedAndKeepsTheHeader() {
        byte[] frame = ProtocolFrames.frame(2, MessageType.VIOLATION.id(), 3, new byte[0]);

        assertThatThrownBy(() -> pipeline.writeInbound(frame))
                .asInstanceOf(type(UnsupportedProtocolVersionException.class))
                .satisfies(e -> {
                    assertThat(e.version()).isEqualTo(2);
                    assertThat(e.typeId()).isEqualTo(MessageType.VIOLATION.id());
                    assertThat(e.requestId()).isEqualTo(3);
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
                });
    }

    @Test
    void anUnknownTypeInAnUnsupportedVersionIsAVersionProblem() {
        assertThatThrownBy(() -> pipeline.writeInbound(ProtocolFrames.frame(2, 0x0999, 3, new byte[0])))
                .isInstanceOf(UnsupportedProtocolVersionException.class);
    }

    @Test
    void typesStableAcrossVersionsDecodeWhateverVersionTheirHeaderDeclares() {
        byte[] hello = ProtocolFrames.encode(ProtocolFixtures.aHello());
        hello[Framing.LENGTH_FIELD_BYTES] = 9;

        pipeline.writeInbound(hello);

        assertThat(pipeline.readInbound()).isEqualTo(ProtocolFixtures.aHello());
        hello[Framing.LENGTH_FIELD_BYTES] = 0;
        assertThatThrownBy(() -> pipeline.writeInbound(hello)).isInstanceOf(UnsupportedProtocolVersionException.class);
    }

    @Test
    void trailingBytesAfterABodyAreMalformed() {
        byte[] body = ProtocolFrames.body(ProtocolFrames.encode(ProtocolFixtures.aHeartbeat()));

        assertThatThrownBy(() -> pipeline.writeInbound(frame(MessageType.HEARTBEAT.id(), 42,
                Arrays.copyOf(body, body.length + 2))))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("2 trailing bytes after the body");
    }

    @Test
    void aFrameShorterThanTheHeaderHasNoRequestId() {
        assertThatThrownBy(() -> pipeline.writeInbound(new byte[] {0, 0, 0, 3, 1, 1, 3}))
                .asInstanceOf(type(MalformedFrameException.class))
                .satisfies(e -> {
                    assertThat(e.typeId()).isEqualTo(MalformedFrameException.NO_TYPE);
                    assertThat(e.requestId()).isZero();
                    assertThat(e.getMessage()).contains("3 bytes, shorter than the 11-byte header");
                });
    }

    @Test
    void requestIdsPrintUnsigned() {
        assertThatThrownBy(() -> pipeline.writeInbound(frame(0x0999, -1, new byte[0])))
                .hasMessageContaining("request 18446744073709551615");
    }

    private static byte[] frame(int typeId, long requestId, byte[] body) {
        return ProtocolFrames.frame(ProtocolVersion.CURRENT, typeId, requestId, body);
    }
}
