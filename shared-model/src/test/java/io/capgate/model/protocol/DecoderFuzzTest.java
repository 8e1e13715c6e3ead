package io.capgate.model.protocol;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Feeds the full inbound pipeline (framing and decoder) random frames and mutations of valid ones: bit flips,
 * truncations, tampered lengths, inserted and deleted bytes, spliced headers. Whatever comes in, the pipeline
 * either decodes a message, waits for more bytes, or fails with a {@link CorruptedFrameException} or
 * {@link TooLongFrameException}; never anything else, never a leaked buffer, never a hang (see {@code @Timeout}).
 * A decoded message must re-encode to exactly the bytes it came from: the encoding is canonical.
 *
 * <p>A seeded loop rather than jqwik: jqwik's engine writes a {@code .jqwik-database} file into the module on every
 * run. Reproduce a failure with {@code -Dcapgate.fuzz.seed=...}; scale with {@code -Dcapgate.fuzz.cases=...}.
 */
class DecoderFuzzTest {

    private static final long SEED = Long.getLong("capgate.fuzz.seed", 0xCA9_6A7EL);
    private static final int CASES = Integer.getInteger("capgate.fuzz.cases", 120_000);

    private final Random random = new Random(SEED);
    private final List<byte[]> corpus = corpus();
    private final FrameMutator mutator = new FrameMutator(random, corpus);
    private final Map<String, Integer> outcomes = new TreeMap<>();

    /** EmbeddedChannel logs every exception after the first of one write; many inputs hold several bad frames. */
    private static final Logger EMBEDDED_CHANNEL_LOG = Logger.getLogger(EmbeddedChannel.class.getName());

    private Level previousLogLevel;
    private ResourceLeakDetector.Level previousLeakLevel;

    @BeforeEach
    void quietenEmbeddedChannelAndLeakDetector() {
        previousLogLevel = EMBEDDED_CHANNEL_LOG.getLevel();
        EMBEDDED_CHANNEL_LOG.setLevel(Level.SEVERE);
        // Every buffer is checked through the TrackingAllocator; the detector's per-allocation stack traces
        // (PARANOID, set by the other codec tests) would cost most of the run time.
        previousLeakLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }

    @AfterEach
    void restoreLevels() {
        EMBEDDED_CHANNEL_LOG.setLevel(previousLogLevel);
        ResourceLeakDetector.setLevel(previousLeakLevel);
    }

    @Test
    @Timeout(value = 120, unit = SECONDS)
    void thePipelineOnlyEverFailsWithFrameExceptions(TestReporter reporter) {
        long start = System.nanoTime();
        for (int i = 0; i < CASES; i++) {
            FrameMutator.Mutation mutation = mutator.next();
            outcomes.merge(feed(i, mutation), 1, Integer::sum);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        reporter.publishEntry("fuzz", CASES + " cases in " + millis + " ms, seed " + SEED + ": " + outcomes);

        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CASES);
        assertThat(outcomes).as("the fuzzer reaches every outcome").containsKeys("decoded", "incomplete",
                "MalformedFrameException", "UnknownMessageTypeException", "UnsupportedProtocolVersionException",
                "TooLongFrameException");
        assertThat(outcomes.get("decoded")).as("mutations still decode often enough to go deep").isGreaterThan(CASES / 50);
    }

    private String feed(int caseNumber, FrameMutator.Mutation mutation) {
        TrackingAllocator allocator = new TrackingAllocator();
        EmbeddedChannel channel = ProtocolFrames.pipeline(allocator);
        ByteBuf input = Unpooled.wrappedBuffer(mutation.bytes());
        String outcome;
        try {
            channel.writeInbound(input);
            outcome = checkDecoded(channel, mutation.bytes()) ? "decoded" : "incomplete";
            channel.finishAndReleaseAll();
        } catch (TooLongFrameException e) {
            outcome = e.getClass().getSimpleName();
        } catch (ProtocolDecodeException e) {
            assertThat(e.toErrorReply().requestId()).isEqualTo(e.requestId());
            outcome = e.getClass().getSimpleName();
        } catch (CorruptedFrameException e) {
            outcome = "CorruptedFrameException";
        } catch (Throwable t) {
            throw new AssertionError(describe(caseNumber, mutation) + " threw " + t, t);
        } finally {
            channel.finishAndReleaseAll();
        }
        // An empty input is Netty's shared EMPTY_BUFFER, which is never released.
        if ((input.capacity() > 0 && input.refCnt() != 0) || !allocator.unreleased().isEmpty()) {
            fail(describe(caseNumber, mutation) + " leaked buffers");
        }
        return outcome;
    }

    /** Whether messages were decoded; each must re-encode to the bytes it was decoded from. */
    private boolean checkDecoded(EmbeddedChannel channel, byte[] input) {
        int offset = 0;
        for (AgentMessage message = channel.readInbound(); message != null; message = channel.readInbound()) {
            channel.writeOutbound(message);
            byte[] reencoded = ProtocolFrames.drainOutbound(channel);
            byte[] original = Arrays.copyOfRange(input, offset, Math.min(input.length, offset + reencoded.length));
            if (message.type().stableAcrossVersions() && original.length > Framing.LENGTH_FIELD_BYTES) {
                // Decoded whatever version the header declared; the encoder writes its own.
                original[Framing.LENGTH_FIELD_BYTES] = (byte) ProtocolVersion.CURRENT;
            }
            if (!Arrays.equals(reencoded, original)) {
                fail("seed " + SEED + ": " + message + " re-encodes to " + ProtocolFrames.hex(reencoded)
                        + " but was decoded from " + ProtocolFrames.hex(original));
            }
            offset += reencoded.length;
        }
        return offset > 0;
    }

    private static String describe(int caseNumber, FrameMutator.Mutation mutation) {
        byte[] bytes = mutation.bytes();
        String hex = ProtocolFrames.hex(Arrays.copyOf(bytes, Math.min(bytes.length, 256)));
        return "case " + caseNumber + " (seed " + SEED + ", " + mutation.strategy() + ", " + bytes.length
                + " bytes: " + hex + (bytes.length > 256 ? " ..." : "") + ")";
    }

    /** Every fixture plus variants with empty lists, absent optionals and the other matcher kind. */
    private static List<byte[]> corpus() {
        List<AgentMessage> messages = new ArrayList<>(ProtocolFixtures.oneOfEachType());
        messages.add(new Hello(2, 1, 3, "a", "v", new HostFacts("h", "k", java.util.Optional.empty(), List.of())));
        messages.add(new Assignments(3, 0, List.of()));
        messages.add(new AssignmentStatus(4, 0, List.of()));
        messages.add(new ErrorReply(0, ErrorCode.MALFORMED_FRAME, ""));
        messages.add(new Ack(5, 0, List.of(1L)));
        return messages.stream().map(ProtocolFrames::encode).toList();
    }
}
