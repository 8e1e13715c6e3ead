package io.capgate.model.protocol;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Writes the primitives of a frame body, all big-endian:
 *
 * <ul>
 *   <li>{@code u8}, {@code u16}, {@code i32}, {@code i64}: fixed width;</li>
 *   <li>{@code string}: {@code u16} byte length, then UTF-8;</li>
 *   <li>{@code optional<string>}: {@code u8} 0 (absent) or 1 (present, then the string);</li>
 *   <li>{@code bytes}: {@code u32} length, then the bytes;</li>
 *   <li>{@code list<T>}: {@code u16} count, then the entries.</li>
 * </ul>
 *
 * Values are not checked here: message constructors already keep every length within {@link Limits}.
 */
final class WireWriter {

    private final ByteBuf buf;

    WireWriter(ByteBuf buf) {
        this.buf = buf;
    }

    void u8(int value) {
        buf.writeByte(value);
    }

    void u16(int value) {
        buf.writeShort(value);
    }

    void i32(int value) {
        buf.writeInt(value);
    }

    void i64(long value) {
        buf.writeLong(value);
    }

    void string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        buf.writeShort(utf8.length);
        buf.writeBytes(utf8);
    }

    void optionalString(Optional<String> value) {
        buf.writeByte(value.isPresent() ? 1 : 0);
        value.ifPresent(this::string);
    }

    void bytes(Bytes value) {
        buf.writeInt(value.length());
        buf.writeBytes(value.unsafeArray());
    }

    <T> void list(List<T> entries, BiConsumer<WireWriter, T> entry) {
        buf.writeShort(entries.size());
        for (T value : entries) {
            entry.accept(this, value);
        }
    }
}
