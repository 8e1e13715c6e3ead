package io.capgate.model.protocol;

import static io.capgate.model.protocol.ProtocolFixtures.NOW_MILLIS;
import static io.capgate.model.protocol.ProtocolFixtures.SERVICE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

class MessageCodecTest {

    private final PipelineHarness pipeline = new PipelineHarness();

    @AfterEach
    void releasesEveryBuffer() {
        pipeline.finishAndAssertReleased();
    }

    static List<AgentMessage> everyType() {
        return ProtocolFixtures.oneOfEachType();
    }

    @Test
    void fixturesCoverEveryMessageType() {
        assertThat(everyType()).extracting(AgentMessage::type).containsExactlyElementsOf(EnumSet.allOf(MessageType.class));
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void roundTripsEveryType(AgentMessage message) {
        byte[] wire = pipeline.encode(message);
        assertThat(pipeline.allocator.allocations()).as("the pipeline allocates through the tracker").isPositive();

        ByteBuffer header = ByteBuffer.wrap(wire);
        assertThat(header.getInt()).as("length prefix").isEqualTo(wire.length - Framing.LENGTH_FIELD_BYTES);
        assertThat(header.get()).as("version").isEqualTo((byte) ProtocolVersion.CURRENT);
        assertThat(header.getShort() & 0xFFFF).as("type id").isEqualTo(message.type().id());
        assertThat(header.getLong()).as("request id").isEqualTo(message.requestId());
        assertThat(MessageEncoder.frameLength(message)).isEqualTo(wire.length - Framing.LENGTH_FIELD_BYTES);

        pipeline.writeInbound(wire);
        assertThat(pipeline.readInbound()).isEqualTo(message);
        assertThat(pipeline.readInbound()).isNull();
    }

    @Test
    void reassemblesAFrameSplitIntoSingleBytes() {
        byte[] wire = pipeline.encode(ProtocolFixtures.aViolation());

        for (int i = 0; i < wire.length - 1; i++) {
            pipeline.writeInbound(new byte[] {wire[i]});
            assertThat(pipeline.readInbound()).as("decoded after %d of %d bytes", i + 1, wire.length).isNull();
        }
        pipeline.writeInbound(new byte[] {wire[wire.length - 1]});

        assertThat(pipeline.readInbound()).isEqualTo(ProtocolFixtures.aViolation());
    }

    @Test
    void decodesBackToBackFramesFromOneBuffer() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        everyType().forEach(message -> stream.writeBytes(pipeline.encode(message)));

        pipeline.writeInbound(stream.toByteArray());

        List<AgentMessage> decoded = new ArrayList<>();
        for (AgentMessage m = pipeline.readInbound(); m != null; m = pipeline.readInbound()) {
            decoded.add(m);
        }
        assertThat(decoded).isEqualTo(everyType());
    }

    @Test
    void rejectsAnOversizeFrameAsSoonAsItsLengthIsRead() {
        byte[] header = ByteBuffer.allocate(8).putInt(Framing.MAX_FRAME_BYTES + 1).putInt(0x01010300).array();

        assertThatThrownBy(() -> pipeline.writeInbound(header))
                .isInstanceOf(TooLongFrameException.class)
                .hasMessageContaining(String.valueOf(Framing.MAX_FRAME_BYTES + Framing.LENGTH_FIELD_BYTES));
        assertThat(pipeline.readInbound()).isNull();
    }

    @Test
    void readsTheLengthAsUnsignedSoTheTopBitMeansTooLong() {
        assertThatThrownBy(() -> pipeline.writeInbound(new byte[] {(byte) 0x80, 0, 0, 0, 1}))
                .isInstanceOf(TooLongFrameException.class);
        assertThat(pipeline.readInbound()).isNull();
    }

    @Test
    void framerPassesAFrameOfExactlyTheMaximumLength() {
        byte[] frame = ProtocolFrames.frame(1, MessageType.HEARTBEAT.id(), 5,
                new byte[Framing.MAX_FRAME_BYTES - Framing.HEADER_BYTES]);

        // Reaches the message decoder, which finds a heartbeat with far too many bytes.
        assertThatThrownBy(() -> pipeline.writeInbound(frame))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("trailing bytes");
    }

    @Test
    void encoderRefusesAMessageOverTheMaximumFrameLength() {
        ObservationBatch largest = largestBatchWithin(Framing.MAX_FRAME_BYTES);
        List<ObservationEntry> oneMore = new ArrayList<>(largest.entries());
        oneMore.add(largest.entries().getFirst());
        ObservationBatch tooBig = new ObservationBatch(1, 1, oneMore);
        assertThat(MessageEncoder.frameLength(tooBig)).isGreaterThan(Framing.MAX_FRAME_BYTES);

        assertThatThrownBy(() -> pipeline.encode(tooBig))
                .isInstanceOf(EncoderException.class)
                .hasMessageContaining("OBSERVATION_BATCH")
                .hasMessageContaining("split");
        Object written = pipeline.channel.readOutbound();
        assertThat(written).as("nothing written").isNull();
    }

    @Test
    void aBatchJustUnderTheLimitTravels() {
        ObservationBatch batch = largestBatchWithin(Framing.MAX_FRAME_BYTES);
        assertThat(MessageEncoder.frameLength(batch)).isBetween(Framing.MAX_FRAME_BYTES / 2, Framing.MAX_FRAME_BYTES);

        pipeline.writeInbound(pipeline.encode(batch));

        assertThat(pipeline.readInbound()).isEqualTo(batch);
    }

    @Test
    void theSessionGoesOnAfterAnUnknownType() {
        byte[] unknown = ProtocolFrames.frame(1, 0x0999, 77, new byte[3]);
        assertThatThrownBy(() -> pipeline.writeInbound(unknown)).isInstanceOf(UnknownMessageTypeException.class);

        pipeline.writeInbound(pipeline.encode(ProtocolFixtures.aHeartbeat()));

        assertThat(pipeline.readInbound()).isEqualTo(ProtocolFixtures.aHeartbeat());
    }

    /** As many entries with deep stacks of long paths as fit in {@code maxFrameLength}: how agents size batches. */
    private static ObservationBatch largestBatchWithin(int maxFrameLength) {
        List<StackFrame> deepStack = Collections.nCopies(Limits.MAX_STACK_FRAMES,
                new StackFrame("/srv/app/" + "x".repeat(1000) + ".py", "handler", 1));
        ObservationEntry entry = new ObservationEntry(SERVICE_ID, "app.main", "openat", Optional.empty(), 1,
                NOW_MILLIS, NOW_MILLIS, deepStack);
        List<ObservationEntry> entries = new ArrayList<>(List.of(entry));
        while (MessageEncoder.frameLength(new ObservationBatch(1, 1, entries)) <= maxFrameLength) {
            entries.add(entry);
        }
        entries.removeLast();
        return new ObservationBatch(1, 1, entries);
    }
}
