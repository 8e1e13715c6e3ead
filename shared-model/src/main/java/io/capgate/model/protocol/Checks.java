package io.capgate.model.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Argument checks shared by the message records. Messages name the field and the limit but never echo the value:
 * values may come from a hostile peer or a watched process, and these messages end up in logs and error replies.
 */
final class Checks {

    private Checks() {
    }

    static <T> T notNull(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " must not be null");
    }

    /** An identifier: 1 to {@link Limits#MAX_ID_BYTES} printable ASCII characters without spaces. */
    static String id(String value, String field) {
        notNull(value, field);
        if (value.isEmpty() || value.length() > Limits.MAX_ID_BYTES) {
            throw new IllegalArgumentException(
                    field + " must be 1 to " + Limits.MAX_ID_BYTES + " characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException(field + " must be printable ASCII without spaces; character "
                        + i + " is U+" + String.format("%04X", (int) c));
            }
        }
        return value;
    }

    /** Text of at most {@code maxBytes} UTF-8 bytes, possibly empty. */
    static String text(String value, String field, int maxBytes) {
        notNull(value, field);
        int bytes = utf8Length(value, field);
        if (bytes > maxBytes) {
            throw new IllegalArgumentException(field + " is " + bytes + " UTF-8 bytes, over the limit of " + maxBytes
                    + "; clip it with Limits.clip");
        }
        return value;
    }

    /** Text of 1 to {@code maxBytes} UTF-8 bytes that is not only whitespace. */
    static String nonBlank(String value, String field, int maxBytes) {
        text(value, field, maxBytes);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static Optional<String> optionalText(Optional<String> value, String field, int maxBytes) {
        notNull(value, field).ifPresent(v -> nonBlank(v, field, maxBytes));
        return value;
    }

    /** An immutable copy of {@code list}, checking its size and that no element is null. */
    static <T> List<T> list(List<T> value, String field, int min, int max) {
        notNull(value, field);
        if (value.size() < min || value.size() > max) {
            throw new IllegalArgumentException(
                    field + " must have " + min + " to " + max + " entries, got " + value.size());
        }
        List<T> copy = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            T element = value.get(i);
            if (element == null) { // the field name only when it is needed: lists are checked per entry
                notNull(element, field + "[" + i + "]");
            }
            copy.add(element);
        }
        return List.copyOf(copy);
    }

    static Bytes bytes(Bytes value, String field, int min, int max) {
        notNull(value, field);
        if (value.length() < min || value.length() > max) {
            throw new IllegalArgumentException(
                    field + " must be " + min + " to " + max + " bytes, got " + value.length());
        }
        return value;
    }

    static long atLeast(long value, long min, String field) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    static int atLeast(int value, int min, String field) {
        return (int) atLeast((long) value, min, field);
    }

    static long epochMillis(long value, String field) {
        return atLeast(value, 0, field + " (epoch milliseconds)");
    }

    static void ordered(long first, long last, String firstField, String lastField) {
        if (first > last) {
            throw new IllegalArgumentException(
                    firstField + " (" + first + ") must not be after " + lastField + " (" + last + ")");
        }
    }

    /** UTF-8 length of {@code value}; fails on an unpaired surrogate, which UTF-8 cannot carry. */
    static int utf8Length(String value, String field) {
        // By char rather than by code point: every received string is checked, and most are ASCII.
        int bytes = 0;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (!Character.isSurrogate(c)) {
                bytes += 3;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                throw new IllegalArgumentException(field + " has an unpaired surrogate at index " + i
                        + "; clip it with Limits.clip");
            }
        }
        return bytes;
    }

    static int utf8Bytes(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
