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

/** Frames a peer may send but no encoder writes: each fails with a typed exception that names what was wrong. */
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
    void invalidUtf8IsMalformed() {
        byte[] body = {1, 0, 2, (byte) 0xC3, 0x28};

        assertThatThrownBy(() -> pipeline.writeInbound(frame(MessageType.CLOSE_NOTICE.id(), 1, body)))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("field message is not valid UTF-8");
    }

    @Test
    void encodedSurrogatesAreNotUtf8() {
        byte[] body = {1, 0, 3, (byte) 0xED, (byte) 0xA0, (byte) 0x80};

        assertThatThrownBy(() -> pipeline.writeInbound(frame(MessageType.CLOSE_NOTICE.id(), 1, body)))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void aStringOverItsLimitIsRejectedBeforeReadingIt() {
        byte[] body = PipelineHarness.body(w -> {
            w.u8(CloseReason.REVOKED.id());
            w.u16(Limits.MAX_TEXT_BYTES + 1);
        });
        byte[] padded = Arrays.copyOf(body, body.length + Limits.MAX_TEXT_BYTES + 1);

        assertThatThrownBy(() -> pipeline.writeInbound(frame(MessageType.CLOSE_NOTICE.id(), 1, padded)))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("field message declares length 1025, over the limit of 1024");
    }

    @Test
    void aByteLengthBeyondTheFrameIsRejectedBeforeAllocating() {
        byte[] huge = PipelineHarness.body(w -> {
            w.string("token");
            w.i32(-1);
        });
        byte[] beyond = PipelineHarness.body(w -> {
            w.string("token");
            w.i32(100);
            w.u8(0x30);
        });

        assertThatThrownBy(() -> pipeline.writeInbound(frame(MessageType.ENROLL_REQUEST.id(), 1, huge)))
                .hasMessageContaining("field csr declares length 4294967295, over the limit of 16384");
        assertThatThrownBy(() -> pipeline.writeInbound(frame(MessageType.ENROLL_REQUEST.id(), 1, beyond)))
                .hasMessageContaining("field csr declares length 100 but only 1 bytes remain");
    }

    @Test
    void aListCountOverItsLimitIsRejected() {
        byte[] body = PipelineHarness.body(w -> {
            w.i64(1);
            w.u16(Limits.MAX_LIST_ENTRIES + 1);
        });

        assertThatThrownBy(() -> pipeline.writeInbound(frame(MessageType.ACK.id(), 1, body)))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("field requestIds declares length 4097, over the limit of 4096");
    }

    @Test
    void unknownEnumIdsAndPresenceFlagsAreMalformed() {
        byte[] reason = {99, 0, 0};
        byte[] code = {0x7F, 0x7F, 0, 0};

        assertThatThrownBy(() -> pipeline.writeInbound(frame(MessageType.CLOSE_NOTICE.id(), 1, reason)))
                .hasMessageContaining("field reason unknown id 99");
        assertThatThrownBy(() -> pipeline.writeInbound(frame(MessageType.ERROR.id(), 1, code)))
                .hasMessageContaining("field code unknown id 0x7F7F");
        byte[] host = PipelineHarness.body(w -> {
            w.u8(1);
            w.u8(1);
            w.string("agent-1");
            w.string("0.1.0");
            w.string("host");
            w.string("6.8.0");
            w.u8(2);
        });
        assertThatThrownBy(() -> pipeline.writeInbound(frame(MessageType.HELLO.id(), 1, host)))
                .hasMessageContaining("field host.bpftraceVersion presence flag must be 0 or 1, got 2");
    }

    @Test
    void valuesAConstructorRejectsAreMalformedWithTheirPath() {
        byte[] zeroCount = PipelineHarness.body(w -> {
            w.i64(1);
            w.list(List.of(0), (entry, ignored) -> {
                entry.string("svc-1");
                entry.string("app.main");
                entry.string("openat");
                entry.u8(0);
                entry.i64(0);
                entry.i64(1);
                entry.i64(1);
                entry.u16(0);
            });
        });
        byte[] negativeSequence = PipelineHarness.body(w -> {
            w.i64(-5);
            w.u16(0);
        });

        assertThatThrownBy(() -> pipeline.writeInbound(frame(MessageType.OBSERVATION_BATCH.id(), 4, zeroCount)))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("malformed OBSERVATION_BATCH frame (request 4): entries[0]: count must be >= 1, got 0");
        assertThatThrownBy(() -> pipeline.writeInbound(frame(MessageType.ACK.id(), 4, negativeSequence)))
                .hasMessage("malformed ACK frame (request 4): upToSequence must be >= 0, got -5");
    }

    @Test
    void aRegexThatDoesNotCompileIsMalformed() {
        byte[] body = PipelineHarness.body(w -> {
            w.i64(1);
            w.u16(1);
            w.string("svc-1");
            w.string("demo");
            w.u8(ProcessMatcher.Executable.KIND);
            w.string("/usr/bin/python3");
            w.string("(unclosed");
        });

        assertThatThrownBy(() -> pipeline.writeInbound(frame(MessageType.ASSIGNMENTS.id(), 1, body)))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("services[0].matcher: argumentRegex does not compile");
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
