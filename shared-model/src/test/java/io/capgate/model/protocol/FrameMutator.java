package io.capgate.model.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Hostile inputs for {@link DecoderFuzzTest}: random frames and mutations of valid ones. Most mutations fix up the
 * length prefix afterwards so the damage reaches the message decoder instead of stalling the framer.
 */
final class FrameMutator {

    /** One input and how it was made, for failure messages. */
    record Mutation(String strategy, byte[] bytes) {
    }

    private static final int PREFIX = Framing.LENGTH_FIELD_BYTES;
    private static final int BODY = PREFIX + Framing.HEADER_BYTES;
    private static final int[] INTERESTING = {0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x3FF, 0x400, 0x401, 0x7FFF, 0x8000,
            0xFFFF, 0x10000, Framing.MAX_FRAME_BYTES, Integer.MAX_VALUE, -1, Integer.MIN_VALUE};

    private final Random random;
    private final List<byte[]> corpus;

    FrameMutator(Random random, List<byte[]> corpus) {
        this.random = random;
        this.corpus = corpus;
    }

    Mutation next() {
        byte[] valid = corpus.get(random.nextInt(corpus.size()));
        return switch (random.nextInt(10)) {
            case 0 -> new Mutation("random body", randomBody());
            case 1 -> new Mutation("random bytes", randomBytes(random.nextInt(64)));
            case 2 -> new Mutation("bit flips", fixLength(flipBits(valid, BODY)));
            case 3 -> new Mutation("bit flips anywhere", flipBits(valid, 0));
            case 4 -> new Mutation("truncated", fixLength(Arrays.copyOf(valid, BODY + random.nextInt(valid.length - BODY))));
            case 5 -> new Mutation("inner length tampered", tamperInnerLength(valid));
            case 6 -> new Mutation("outer length tampered", tamperOuterLength(valid));
            case 7 -> new Mutation("bytes inserted or deleted", fixLength(insertOrDelete(valid)));
            case 8 -> new Mutation("spliced", splice(valid, corpus.get(random.nextInt(corpus.size()))));
            default -> new Mutation("header tampered", tamperHeader(valid));
        };
    }

    private byte[] randomBody() {
        int typeId = random.nextBoolean()
                ? MessageType.values()[random.nextInt(MessageType.values().length)].id()
                : random.nextInt(0x10000);
        int version = random.nextInt(20) == 0 ? random.nextInt(256) : ProtocolVersion.CURRENT;
        return ProtocolFrames.frame(version, typeId, random.nextLong(), randomBytes(random.nextInt(300)));
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] flipBits(byte[] valid, int from) {
        byte[] bytes = valid.clone();
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
            bytes[from + random.nextInt(bytes.length - from)] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
    }

    private byte[] tamperInnerLength(byte[] valid) {
        if (valid.length <= BODY + 1) {
            return valid;
        }
        byte[] bytes = valid.clone();
        int width = random.nextBoolean() ? 2 : 4;
        int at = BODY + random.nextInt(Math.max(1, bytes.length - BODY - width + 1));
        int value = random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)]
                : (bytes.length - at) + random.nextInt(9) - 4;
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (width == 2 && at + 2 <= bytes.length) {
            buffer.putShort(at, (short) value);
        } else if (at + 4 <= bytes.length) {
            buffer.putInt(at, value);
        }
        return bytes;
    }

    private byte[] tamperOuterLength(byte[] valid) {
        byte[] bytes = valid.clone();
        int declared = valid.length - PREFIX;
        int value = random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)]
                : declared + random.nextInt(33) - 16;
        ByteBuffer.wrap(bytes).putInt(0, value);
        return bytes;
    }

    private byte[] insertOrDelete(byte[] valid) {
        int at = BODY + random.nextInt(valid.length - BODY + 1);
        int count = 1 + random.nextInt(8);
        if (random.nextBoolean()) {
            byte[] bytes = new byte[valid.length + count];
            System.arraycopy(valid, 0, bytes, 0, at);
            System.arraycopy(randomBytes(count), 0, bytes, at, count);
            System.arraycopy(valid, at, bytes, at + count, valid.length - at);
            return bytes;
        }
        int removed = Math.min(count, valid.length - at);
        byte[] bytes = new byte[valid.length - removed];
        System.arraycopy(valid, 0, bytes, 0, at);
        System.arraycopy(valid, at + removed, bytes, at, valid.length - at - removed);
        return bytes;
    }

    /** The header of {@code valid} with the body of {@code other}. */
    private byte[] splice(byte[] valid, byte[] other) {
        byte[] bytes = Arrays.copyOf(valid, BODY + other.length - BODY);
        System.arraycopy(other, BODY, bytes, BODY, other.length - BODY);
        return fixLength(bytes);
    }

    private byte[] tamperHeader(byte[] valid) {
        byte[] bytes = valid.clone();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        switch (random.nextInt(3)) {
            case 0 -> bytes[PREFIX] = (byte) random.nextInt(256);
            case 1 -> buffer.putShort(PREFIX + 1, (short) random.nextInt(0x10000));
            default -> buffer.putShort(PREFIX + 1, (short) (random.nextInt(0x80) << 8 | random.nextInt(8)));
        }
        return bytes;
    }

    /** Rewrites the length prefix to match the bytes that follow it. */
    private static byte[] fixLength(byte[] bytes) {
        ByteBuffer.wrap(bytes).putInt(0, bytes.length - PREFIX);
        return bytes;
    }
}
