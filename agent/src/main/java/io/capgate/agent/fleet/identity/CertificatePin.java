package io.capgate.agent.fleet.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SHA-256 fingerprint of a DER-encoded certificate, as {@code openssl x509 -noout -fingerprint -sha256} shows
 * it (without the colons): what an enrollment token pins the portal's CA to.
 *
 * @param hex 64 lowercase hex digits
 */
public record CertificatePin(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public CertificatePin {
        hex = hex == null ? null : hex.replace(":", "").toLowerCase(Locale.ROOT);
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a certificate pin is the SHA-256 of the certificate: 64 hex digits "
                    + "(colons allowed), got " + (hex == null ? "nothing" : hex.length() + " characters"));
        }
    }

    /** The pin of a certificate. */
    public static CertificatePin of(X509Certificate certificate) {
        try {
            return new CertificatePin(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getEncoded())));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** Whether {@code certificate} is the pinned one; compares in constant time. */
    public boolean matches(X509Certificate certificate) {
        return MessageDigest.isEqual(HexFormat.of().parseHex(hex), HexFormat.of().parseHex(of(certificate).hex));
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
