package io.capgate.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The worked examples of {@code docs/protocol.md} and the codec Javadoc, byte for byte, so the spec cannot drift
 * from the code.
 */
class GoldenFrameTest {

    private final PipelineHarness pipeline = new PipelineHarness();

    @AfterEach
    void releasesEveryBuffer() {
        pipeline.finishAndAssertReleased();
    }

    @Test
    void heartbeat() {
        assertWire(new Heartbeat(42, 1_767_225_600_000L), """
                00 00 00 13
                01
                01 03
                00 00 00 00 00 00 00 2A
                00 00 01 9B 76 DA A8 00""");
    }

    @Test
    void errorReply() {
        assertWire(new ErrorReply(7, ErrorCode.UNSUPPORTED_TYPE, "unknown type"), """
                00 00 00 1B
                01
                7F 01
                00 00 00 00 00 00 00 07
                00 02
                00 0C 75 6E 6B 6E 6F 77 6E 20 74 79 70 65""");
    }

    @Test
    void ack() {
        assertWire(new Ack(8, 101, List.of(12L, 13L)), """
                00 00 00 25
                01
                04 04
                00 00 00 00 00 00 00 08
                00 00 00 00 00 00 00 65
                00 02
                00 00 00 00 00 00 00 0C
                00 00 00 00 00 00 00 0D""");
    }

    @Test
    void closeNoticeWithAnEmptyMessage() {
        assertWire(new CloseNotice(3, CloseReason.SHUTTING_DOWN, ""), """
                00 00 00 0E
                01
                01 04
                00 00 00 00 00 00 00 03
                02
                00 00""");
    }

    private void assertWire(AgentMessage message, String hex) {
        byte[] expected = ProtocolFrames.unhex(hex);

        assertThat(ProtocolFrames.hex(pipeline.encode(message))).isEqualTo(ProtocolFrames.hex(expected));
        pipeline.writeInbound(expected);
        assertThat(pipeline.readInbound()).isEqualTo(message);
    }
}
