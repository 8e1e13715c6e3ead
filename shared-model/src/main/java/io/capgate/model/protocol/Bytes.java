package io.capgate.model.protocol;

import java.util.Arrays;

/**
 * An immutable byte string (DER certificates and CSRs, canonical manifest bytes, signatures) with value equality,
 * so the message records that hold one compare and hash by content.
 */
public final class Bytes {

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}; later changes to the array do not show. */
    public static Bytes of(byte[] bytes) {
        return new Bytes(Checks.notNull(bytes, "bytes").clone());
    }

    /** Takes ownership of {@code bytes} without copying: for the decoder, which never touches the array again. */
    static Bytes adopt(byte[] bytes) {
        return new Bytes(bytes);
    }

    /** A copy of the content. */
    public byte[] toArray() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The internal array, for the encoder only; never modified or handed out. */
    byte[] unsafeArray() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The length only: certificates, CSRs and manifests are long and their bytes have no business in logs. */
    @Override
    public String toString() {
        return "Bytes[" + bytes.length + " bytes]";
    }
}
