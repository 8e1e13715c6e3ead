package io.capgate.model.protocol;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Reads the primitives of a frame body (see {@link WireWriter}) from a {@link ByteBuf}. Every read checks the
 * readable bytes first and every length is checked against its limit and the readable bytes before anything is
 * allocated, so a hostile frame costs at most its own size. Failures are {@link MalformedFrameException}s naming
 * the message type, request id and field path ({@code entries[3].sampleStack[0].file}).
 */
final class WireReader {

    private final ByteBuf buf;
    private final MessageType type;
    private final long requestId;
    /** The field path of the structure being read, built into text only for an error (it is per entry). */
    private String[] pathFields = new String[8];
    private int[] pathIndexes = new int[8];
    private int depth;

    WireReader(ByteBuf buf, MessageType type, long requestId) {
        this.buf = buf;
        this.type = type;
        this.requestId = requestId;
    }

    int u8(String field) {
        need(1, field);
        return buf.readUnsignedByte();
    }

    int u16(String field) {
        need(2, field);
        return buf.readUnsignedShort();
    }

    int i32(String field) {
        need(4, field);
        return buf.readInt();
    }

    long i64(String field) {
        need(8, field);
        return buf.readLong();
    }

    /** A {@code u8} enum id, looked up with {@code byId}. */
    <E> E u8Enum(String field, IntFunction<Optional<E>> byId) {
        int id = u8(field);
        return byId.apply(id).orElseThrow(() -> malformed(field, "unknown id " + id));
    }

    /** A {@code u16} enum id, looked up with {@code byId}. */
    <E> E u16Enum(String field, IntFunction<Optional<E>> byId) {
        int id = u16(field);
        return byId.apply(id).orElseThrow(() -> malformed(field, String.format("unknown id 0x%04X", id)));
    }

    /** A {@code u16} byte length and that many bytes of strict UTF-8. */
    String string(String field, int maxBytes) {
        int length = u16(field);
        checkLength(field, length, maxBytes);
        byte[] bytes = new byte[length];
        buf.readBytes(bytes);
        // The JDK's lenient decoding is intrinsified; it marks malformed input with U+FFFD, and only then (or for
        // a real U+FFFD) the strict decoder decides.
        String lenient = new String(bytes, StandardCharsets.UTF_8);
        if (lenient.indexOf('\uFFFD') < 0) {
            return lenient;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(field, "is not valid UTF-8");
        }
    }

    /** A {@code u8} presence flag (0 or 1), then a string if present. */
    Optional<String> optionalString(String field, int maxBytes) {
        int flag = u8(field);
        return switch (flag) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(string(field, maxBytes));
            default -> throw malformed(field, "presence flag must be 0 or 1, got " + flag);
        };
    }

    /** A {@code u32} length and that many bytes. */
    Bytes bytes(String field, int maxBytes) {
        need(4, field);
        long length = buf.readUnsignedInt();
        checkLength(field, length, maxBytes);
        byte[] bytes = new byte[(int) length];
        buf.readBytes(bytes);
        return Bytes.adopt(bytes);
    }

    /** A {@code u16} count and that many entries, each read by {@code entry} with its index in the field path. */
    <T> List<T> list(String field, int maxEntries, Function<WireReader, T> entry) {
        int count = u16(field);
        // Every entry takes at least one byte, so this bounds the allocation by the frame's size too.
        checkLength(field, count, maxEntries);
        List<T> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(struct(field, i, entry));
        }
        return entries;
    }

    /** A nested structure; constructor failures inside it are reported with its field path. */
    <T> T struct(String field, Function<WireReader, T> reader) {
        return struct(field, -1, reader);
    }

    private <T> T struct(String field, int index, Function<WireReader, T> reader) {
        if (depth == pathFields.length) {
            pathFields = Arrays.copyOf(pathFields, depth * 2);
            pathIndexes = Arrays.copyOf(pathIndexes, depth * 2);
        }
        pathFields[depth] = field;
        pathIndexes[depth] = index;
        depth++;
        try {
            return reader.apply(this);
        } catch (IllegalArgumentException e) {
            String where = path();
            throw new MalformedFrameException(prefix() + where.substring(0, where.length() - 1) + ": "
                    + e.getMessage(), type.id(), requestId, e);
        } finally {
            depth--;
        }
    }

    /** {@code entries[3].sampleStack[0].}: the structures being read, each followed by a dot. */
    private String path() {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            path.append(pathFields[i]);
            if (pathIndexes[i] >= 0) {
                path.append('[').append(pathIndexes[i]).append(']');
            }
            path.append('.');
        }
        return path.toString();
    }

    /** Fails unless the body was read to its last byte: trailing bytes mean the peer and we disagree. */
    void expectEnd() {
        if (buf.isReadable()) {
            throw new MalformedFrameException(prefix() + buf.readableBytes() + " trailing bytes after the body",
                    type.id(), requestId, null);
        }
    }

    MalformedFrameException malformed(String field, String problem) {
        return new MalformedFrameException(prefix() + "field " + path() + field + " " + problem, type.id(), requestId,
                null);
    }

    /** For constructor failures of the message itself. */
    MalformedFrameException invalid(IllegalArgumentException e) {
        return new MalformedFrameException(prefix() + e.getMessage(), type.id(), requestId, e);
    }

    private void need(int bytes, String field) {
        if (buf.readableBytes() < bytes) {
            throw malformed(field, "needs " + bytes + " bytes but only " + buf.readableBytes() + " remain");
        }
    }

    private void checkLength(String field, long length, int max) {
        if (length > max) {
            throw malformed(field, "declares length " + length + ", over the limit of " + max);
        }
        if (length > buf.readableBytes()) {
            throw malformed(field, "declares length " + length + " but only " + buf.readableBytes() + " bytes remain");
        }
    }

    private String prefix() {
        return "malformed " + type + " frame (request " + Long.toUnsignedString(requestId) + "): ";
    }
}
