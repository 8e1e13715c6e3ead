package io.capgate.model.protocol;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The text of a one-time enrollment token, shared by the portal (which issues it) and the agent (which reads it):
 * {@code cgt_} followed by the unpadded base64url encoding of the UTF-8 text
 * {@code v1.<host>:<port>.<ca fingerprint>.<secret>}.
 *
 * <ul>
 *   <li>{@code v1}: the format version; any other is refused.</li>
 *   <li>{@code <host>:<port>}: where the portal's agent gateway listens: a DNS name, an IPv4 address or a
 *       bracketed IPv6 address ({@code [::1]}), and a port 1 to 65535. Host names contain dots, so the fields are
 *       taken from both ends: the version is before the first dot, the secret after the last, the fingerprint
 *       before that.</li>
 *   <li>{@code <ca fingerprint>}: the SHA-256 of the portal CA certificate's DER, 64 lowercase hex digits. The
 *       agent pins the CA the gateway presents to it, so the token alone bootstraps trust both ways.</li>
 *   <li>{@code <secret>}: 22 to 128 base64url characters (at least 128 bits); the portal issues
 *       {@link #SECRET_BYTES} bytes from {@link SecureRandom} ({@link #newSecret}) and keeps only its SHA-256.</li>
 * </ul>
 *
 * The whole token is at most {@link Limits#MAX_TOKEN_BYTES} characters, the limit of
 * {@link EnrollRequest#token()}. Error messages name the part that is wrong and never contain the secret.
 */
public final class EnrollmentTokenFormat {

    /** Every token starts with this. */
    public static final String PREFIX = "cgt_";
    /** The only format version. */
    public static final String VERSION = "v1";
    /** The longest token, in characters (all ASCII). */
    public static final int MAX_LENGTH = Limits.MAX_TOKEN_BYTES;
    /** Random bytes in a secret the portal issues: 256 bits. */
    public static final int SECRET_BYTES = 32;

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{22,128}");

    private EnrollmentTokenFormat() {
    }

    /**
     * The parts of a token.
     *
     * @param host          the portal gateway's host name or address (IPv6 in brackets)
     * @param port          the gateway's port
     * @param caFingerprint SHA-256 of the portal CA certificate, 64 lowercase hex digits
     * @param secret        the one-time secret; {@link #toString()} never shows it
     */
    public record Token(String host, int port, String caFingerprint, String secret) {

        public Token {
            if (host == null || !(HOST_NAME.matcher(host).matches() || IPV6.matcher(host).matches())) {
                throw new InvalidTokenException("the token's portal host must be a DNS name, an IPv4 address or a "
                        + "bracketed IPv6 address");
            }
            if (port < 1 || port > 65535) {
                throw new InvalidTokenException("the token's portal port must be 1 to 65535, got " + port);
            }
            if (caFingerprint == null || !FINGERPRINT.matcher(caFingerprint).matches()) {
                throw new InvalidTokenException("the token's CA fingerprint must be 64 lowercase hex digits "
                        + "(SHA-256 of the CA certificate)");
            }
            if (secret == null || !SECRET.matcher(secret).matches()) {
                throw new InvalidTokenException("the token's secret must be 22 to 128 base64url characters");
            }
            int length = PREFIX.length() + base64Length(text(host, port, caFingerprint, secret));
            if (length > MAX_LENGTH) {
                throw new InvalidTokenException("the token would be " + length + " characters, over the limit of "
                        + MAX_LENGTH + "; use a shorter portal host name");
            }
        }

        /** The token text, {@code cgt_...}; the inverse of {@link EnrollmentTokenFormat#parse}. */
        public String encode() {
            return PREFIX + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(text(host, port, caFingerprint, secret).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Token[" + host + ":" + port + ", ca=sha256:" + caFingerprint + ", secret=<redacted>]";
        }
    }

    /** A token that cannot be read; the message names the part and never contains the secret. */
    public static final class InvalidTokenException extends IllegalArgumentException {

        InvalidTokenException(String message) {
            super(message);
        }
    }

    /** A new secret of {@link #SECRET_BYTES} random bytes, base64url without padding (43 characters). */
    public static String newSecret(SecureRandom random) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Reads a token as pasted (surrounding whitespace ignored).
     *
     * @throws InvalidTokenException naming what is wrong
     */
    public static Token parse(String token) {
        String t = token == null ? "" : token.strip();
        if (!t.startsWith(PREFIX)) {
            throw new InvalidTokenException("an enrollment token starts with '" + PREFIX
                    + "'; copy the whole token from the portal");
        }
        if (t.length() > MAX_LENGTH) {
            throw new InvalidTokenException("the token is " + t.length() + " characters, at most " + MAX_LENGTH
                    + " are allowed");
        }
        String text = decode(t.substring(PREFIX.length()));
        int firstDot = text.indexOf('.');
        String version = firstDot < 0 ? "" : text.substring(0, firstDot);
        if (!version.equals(VERSION)) {
            throw new InvalidTokenException(version.matches("v\\d{1,3}")
                    ? "the token has format " + version + ", only " + VERSION + " is understood"
                    : "the token does not start with a format version; was it cut or changed while copying?");
        }
        int lastDot = text.lastIndexOf('.');
        int fingerprintDot = lastDot <= firstDot ? -1 : text.lastIndexOf('.', lastDot - 1);
        if (fingerprintDot <= firstDot) {
            throw new InvalidTokenException("the token needs four fields: version.host:port.fingerprint.secret");
        }
        String address = text.substring(firstDot + 1, fingerprintDot);
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || address.endsWith("]")) {
            throw new InvalidTokenException("the token's portal address has no port");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidTokenException("the token's portal port is not a number");
        }
        return new Token(address.substring(0, colon), port, text.substring(fingerprintDot + 1, lastDot),
                text.substring(lastDot + 1));
    }

    private static String decode(String base64) {
        if (base64.indexOf('=') >= 0) {
            throw new InvalidTokenException("the token is base64url without padding; it must not contain '='");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("the token after '" + PREFIX
                    + "' is not base64url; was it cut or changed while copying?");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new InvalidTokenException("the token's content is not printable ASCII; was it cut or changed "
                    + "while copying?");
        }
        return text;
    }

    private static String text(String host, int port, String caFingerprint, String secret) {
        return VERSION + "." + host + ":" + port + "." + caFingerprint + "." + secret;
    }

    private static int base64Length(String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        return (bytes * 4 + 2) / 3;
    }
}
