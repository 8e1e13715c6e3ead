package io.capgate.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The protocol pipeline on an {@link EmbeddedChannel} whose every buffer is accounted for: those the pipeline
 * allocates (through a {@link TrackingAllocator}) and those a test feeds in. {@link #finishAndAssertReleased()}
 * closes the channel and fails if any is still referenced.
 */
final class PipelineHarness {

    static {
        // Belt and braces: the tracking allocator is deterministic, the detector also records access points.
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    final TrackingAllocator allocator = new TrackingAllocator();
    final EmbeddedChannel channel = ProtocolFrames.pipeline(allocator);
    private final List<ByteBuf> inputs = new ArrayList<>();

    /** Feeds {@code bytes} to the channel; rethrows what the pipeline threw. */
    void writeInbound(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        inputs.add(buf);
        channel.writeInbound(buf);
    }

    /** The next decoded message, or null. */
    AgentMessage readInbound() {
        return channel.readInbound();
    }

    /** Encodes {@code message} through the pipeline and returns the wire bytes. */
    byte[] encode(AgentMessage message) {
        channel.writeOutbound(message);
        return ProtocolFrames.drainOutbound(channel);
    }

    void finishAndAssertReleased() {
        assertThat(channel.finishAndReleaseAll()).as("messages left unread in the channel").isFalse();
        assertThat(inputs).as("input buffers").allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
        assertThat(allocator.unreleased()).as("buffers the pipeline allocated").isEmpty();
    }

    /** A body written with {@link WireWriter}, for frames the record constructors would never allow. */
    static byte[] body(Consumer<WireWriter> writer) {
        ByteBuf buf = Unpooled.buffer();
        try {
            writer.accept(new WireWriter(buf));
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }
}
