package io.capgate.model.protocol;

import java.util.OptionalInt;

/**
 * Protocol versions: the {@code u8} first byte of every frame header.
 *
 * <p>The agent's {@link Hello} offers a range {@code [min, max]}; the portal answers with the highest version both
 * sides support in its {@link HelloAck}, or with {@link ErrorCode#UNSUPPORTED_VERSION}. The header layout and the
 * bodies of the types that are {@link MessageType#stableAcrossVersions()} (enrollment, Hello, HelloAck, Error) are
 * the same in every version and are decoded whatever version their header declares, so negotiation always works;
 * a new version may change any other body, add message types, or add enum ids.
 */
public final class ProtocolVersion {

    /** The version this code writes by default. */
    public static final int CURRENT = 1;
    /** The oldest version this code reads and can negotiate. */
    public static final int MIN_SUPPORTED = 1;
    /** The newest version this code reads and can negotiate. */
    public static final int MAX_SUPPORTED = 1;
    /** Versions are a {@code u8}; 0 is never valid. */
    public static final int MAX_WIRE_VALUE = 0xFF;

    private ProtocolVersion() {
    }

    public static boolean isSupported(int version) {
        return version >= MIN_SUPPORTED && version <= MAX_SUPPORTED;
    }

    /**
     * The highest version in both {@code [peerMin, peerMax]} and this code's supported range, or empty if the
     * ranges do not overlap (answer {@link ErrorCode#UNSUPPORTED_VERSION}).
     *
     * @throws IllegalArgumentException if the peer's range is empty or outside {@code 1..255}
     */
    public static OptionalInt negotiate(int peerMin, int peerMax) {
        return negotiate(MIN_SUPPORTED, MAX_SUPPORTED, peerMin, peerMax);
    }

    static OptionalInt negotiate(int ownMin, int ownMax, int peerMin, int peerMax) {
        checkRange(peerMin, peerMax, "peer");
        checkRange(ownMin, ownMax, "own");
        int highest = Math.min(ownMax, peerMax);
        return highest >= Math.max(ownMin, peerMin) ? OptionalInt.of(highest) : OptionalInt.empty();
    }

    /** Checks a version range as offered in a Hello. */
    static void checkRange(int min, int max, String side) {
        if (min < 1 || max > MAX_WIRE_VALUE || min > max) {
            throw new IllegalArgumentException(side + " version range [" + min + ", " + max
                    + "] must satisfy 1 <= min <= max <= " + MAX_WIRE_VALUE);
        }
    }
}
