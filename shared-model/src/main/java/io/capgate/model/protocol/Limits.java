package io.capgate.model.protocol;

/**
 * Size limits of the wire protocol, enforced by message constructors (so nothing oversize is ever encoded) and
 * by the decoder before it allocates anything (so a hostile length cannot exhaust memory).
 *
 * <p>String limits count UTF-8 bytes, not chars. Values an agent takes from a watched process (file paths,
 * function and module names, detail text) can be made arbitrarily long by that process: agents {@link #clip} them
 * instead of letting a constructor reject the whole report, so an attacker cannot suppress a violation report by
 * naming a function absurdly.
 */
public final class Limits {

    /** Identifiers: agent, service, manifest version and signing key ids. Printable ASCII, no spaces. */
    public static final int MAX_ID_BYTES = 128;
    /** Short names: hostname, kernel release, versions, modules, syscalls, functions, systemd units. */
    public static final int MAX_NAME_BYTES = 255;
    /** Absolute file paths (Linux {@code PATH_MAX}). */
    public static final int MAX_PATH_BYTES = 4096;
    /** Free text: details, messages, process argument regexes. */
    public static final int MAX_TEXT_BYTES = 1024;
    /** An enrollment token. */
    public static final int MAX_TOKEN_BYTES = 512;
    /** One DER structure: a PKCS#10 CSR or one X.509 certificate. */
    public static final int MAX_DER_BYTES = 16 * 1024;
    /** Certificates in an enrollment reply's chain, leaf first. */
    public static final int MAX_CERTIFICATE_CHAIN = 8;
    /** Manifest signing keys in one {@link EnrollAccepted}: the current key and a few being rotated. */
    public static final int MAX_SIGNING_KEYS = 8;
    /** A manifest's canonical bytes. */
    public static final int MAX_MANIFEST_BYTES = 64 * 1024;
    /** An Ed25519 signature is always exactly this long. */
    public static final int ED25519_SIGNATURE_BYTES = 64;
    /** Python versions reported in host facts. */
    public static final int MAX_PYTHON_VERSIONS = 16;
    /** Frames in one stack, innermost first; agents keep the innermost ones. */
    public static final int MAX_STACK_FRAMES = 128;
    /** Services assigned to one agent. */
    public static final int MAX_SERVICES = 1024;
    /** Entries of any other list: observations, statuses, drop counts, acknowledged request ids. */
    public static final int MAX_LIST_ENTRIES = 4096;

    private Limits() {
    }

    /**
     * {@code value} cut to at most {@code maxBytes} UTF-8 bytes at a code point boundary, with unpaired surrogates
     * replaced by U+FFFD, so any string becomes acceptable to a message constructor with that limit.
     */
    public static String clip(String value, int maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, got " + maxBytes);
        }
        StringBuilder clipped = new StringBuilder(Math.min(value.length(), maxBytes));
        int bytes = 0;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
                codePoint = 0xFFFD;
            }
            int size = Checks.utf8Bytes(codePoint);
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            clipped.appendCodePoint(codePoint);
        }
        return clipped.toString();
    }
}
