package io.capgate.model.protocol;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

/**
 * Bodies with a bad field: bad UTF-8, lengths over their limit or beyond the frame, unknown enum ids, values a
 * constructor rejects. Each fails before allocating anything large, naming the type, request id and field path.
 */
class MalformedBodyTest {

    private final PipelineHarness pipeline = new PipelineHarness();

    @AfterEach
    void releasesEveryBuffer() {
        pipeline.finishAndAssertReleased();
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

    private static byte[] frame(int typeId, long requestId, byte[] body) {
        return ProtocolFrames.frame(ProtocolVersion.CURRENT, typeId, requestId, body);
    }
}
