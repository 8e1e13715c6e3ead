package io.capgate.agent.fleet.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The one-time token an operator copies from the portal to enroll an agent.
 *
 * <p>Format: {@code cgt_} followed by the unpadded base64url encoding of the UTF-8 text
 * {@code v1.<host>:<port>.<pin>.<secret>}:
 * <ul>
 *   <li>{@code v1}: the format version; another version is refused with a hint to upgrade the agent;</li>
 *   <li>{@code <host>:<port>}: where the portal's agent endpoint listens; a DNS name, an IPv4 address or a
 *       bracketed IPv6 address. Host names contain dots, so the fields are taken from both ends: the version is
 *       before the first dot, the secret after the last, the pin before that;</li>
 *   <li>{@code <pin>}: the SHA-256 of the portal CA certificate, 64 hex digits ({@link CertificatePin});</li>
 *   <li>{@code <secret>}: at least 128 bits of randomness, base64url, 22 to 128 characters.</li>
 * </ul>
 * Example: {@code v1.portal.example.com:8443.3f1c...9a.Zm9vYmFyYmF6cXV4cXV1eA} becomes {@code cgt_djEucG9y...}.
 * The whole token is at most 512 characters, the protocol's limit.
 *
 * @param host   the portal's host
 * @param port   the portal's agent port
 * @param pin    the pinned portal CA certificate
 * @param secret the one-time secret; {@link #toString()} never shows it
 */
public record EnrollmentToken(String host, int port, CertificatePin pin, String secret) {

    /** Tokens start with this. */
    public static final String PREFIX = "cgt_";
    /** The only format version this agent reads. */
    public static final String VERSION = "v1";
    /** The longest token accepted. */
    public static final int MAX_LENGTH = 512;

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{22,128}");

    public EnrollmentToken {
        if (host == null || !(HOST_NAME.matcher(host).matches() || IPV6.matcher(host).matches())) {
            throw new InvalidEnrollmentTokenException("the token's portal host is not a host name or address: "
                    + host);
        }
        if (port < 1 || port > 65535) {
            throw new InvalidEnrollmentTokenException("the token's portal port must be 1 to 65535, got " + port);
        }
        if (pin == null) {
            throw new InvalidEnrollmentTokenException("the token has no CA pin");
        }
        if (secret == null || !SECRET.matcher(secret).matches()) {
            throw new InvalidEnrollmentTokenException("the token's secret must be 22 to 128 base64url characters");
        }
        int textBytes = (VERSION + "." + host + ":" + port + "." + pin.hex() + "." + secret)
                .getBytes(StandardCharsets.UTF_8).length;
        int length = PREFIX.length() + (textBytes * 4 + 2) / 3;
        if (length > MAX_LENGTH) {
            throw new InvalidEnrollmentTokenException("the token would be %d characters, over the limit of %d: "
                    .formatted(length, MAX_LENGTH) + "use a shorter portal host name or secret");
        }
    }

    /**
     * Parses a token as the operator pasted it (surrounding whitespace is ignored).
     *
     * @throws InvalidEnrollmentTokenException naming the part that is wrong
     */
    public static EnrollmentToken parse(String token) {
        String t = token == null ? "" : token.strip();
        if (!t.startsWith(PREFIX)) {
            throw new InvalidEnrollmentTokenException("an enrollment token starts with '" + PREFIX
                    + "'; copy the whole token from the portal");
        }
        if (t.length() > MAX_LENGTH) {
            throw new InvalidEnrollmentTokenException("the token is " + t.length() + " characters, at most "
                    + MAX_LENGTH + " are allowed");
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(t.substring(PREFIX.length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidEnrollmentTokenException("the token after '" + PREFIX
                    + "' is not base64url; was it cut or changed while copying?");
        }
        int firstDot = text.indexOf('.');
        String version = firstDot < 0 ? text : text.substring(0, firstDot);
        if (!version.equals(VERSION)) {
            throw new InvalidEnrollmentTokenException(version.matches("v\\d{1,3}")
                    ? "the token has format " + version + " but this agent reads only " + VERSION
                            + ": upgrade the agent"
                    : "the token does not start with a format version; was it cut or changed while copying?");
        }
        int lastDot = text.lastIndexOf('.');
        int pinDot = lastDot <= firstDot ? -1 : text.lastIndexOf('.', lastDot - 1);
        if (pinDot <= firstDot) {
            throw new InvalidEnrollmentTokenException("the token needs four fields, version.host:port.pin.secret");
        }
        String address = text.substring(firstDot + 1, pinDot);
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || address.endsWith("]")) {
            throw new InvalidEnrollmentTokenException("the token's portal address has no port: " + address);
        }
        CertificatePin pin;
        try {
            pin = new CertificatePin(text.substring(pinDot + 1, lastDot));
        } catch (IllegalArgumentException e) {
            throw new InvalidEnrollmentTokenException("the token's CA pin is wrong: " + e.getMessage());
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidEnrollmentTokenException("the token's portal port is not a number: " + address);
        }
        return new EnrollmentToken(address.substring(0, colon), port, pin, text.substring(lastDot + 1));
    }

    /** The token text, {@code cgt_...}; the inverse of {@link #parse}. */
    public String encode() {
        String text = VERSION + "." + host + ":" + port + "." + pin.hex() + "." + secret;
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "EnrollmentToken[" + host + ":" + port + ", pin=" + pin + ", secret=<redacted>]";
    }
}
