package io.capgate.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.model.protocol.EnrollmentTokenFormat.InvalidTokenException;
import io.capgate.model.protocol.EnrollmentTokenFormat.Token;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EnrollmentTokenFormatTest {

    private static final String FINGERPRINT = "3f1c" + "0".repeat(58) + "9a";
    private static final String SECRET = "Zm9vYmFyYmF6cXV4cXV1eA_-0123456789abcdefghi";

    @Test
    void aTokenRoundTripsThroughItsText() {
        Token token = new Token("portal.example.com", 8443, FINGERPRINT, SECRET);

        String text = token.encode();

        assertThat(text).startsWith("cgt_").doesNotContain("=").matches("cgt_[A-Za-z0-9_-]+");
        assertThat(EnrollmentTokenFormat.parse(text)).isEqualTo(token);
        assertThat(EnrollmentTokenFormat.parse("  " + text + "\n")).isEqualTo(token);
    }

    @Test
    void theTextIsTheDocumentedLayout() {
        String text = new Token("10.0.0.7", 443, FINGERPRINT, SECRET).encode();

        String decoded = new String(Base64.getUrlDecoder().decode(text.substring(4)), StandardCharsets.UTF_8);

        assertThat(decoded).isEqualTo("v1.10.0.0.7:443." + FINGERPRINT + "." + SECRET);
    }

    @Test
    void bracketedIpv6HostsKeepTheirBrackets() {
        Token token = new Token("[fd00::1]", 8443, FINGERPRINT, SECRET);

        assertThat(EnrollmentTokenFormat.parse(token.encode()).host()).isEqualTo("[fd00::1]");
    }

    @Test
    void newSecretsHave256RandomBitsAndFitTheFormat() {
        var random = new SecureRandom();
        String secret = EnrollmentTokenFormat.newSecret(random);

        assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
        assertThat(EnrollmentTokenFormat.newSecret(random)).isNotEqualTo(secret);
        assertThat(new Token("localhost", 1, FINGERPRINT, secret).encode()).isNotBlank();
    }

    @Test
    void theSecretNeverShowsInToStringOrErrors() {
        Token token = new Token("portal.example.com", 8443, FINGERPRINT, SECRET);

        assertThat(token.toString()).doesNotContain(SECRET).contains("portal.example.com:8443", "redacted");
        assertThatThrownBy(() -> EnrollmentTokenFormat.parse(encode("v1.bad host:1." + FINGERPRINT + "." + SECRET)))
                .isInstanceOf(InvalidTokenException.class).hasMessageNotContaining(SECRET);
    }

    @Test
    void malformedTokensSayWhatIsWrong() {
        assertInvalid(null, "starts with 'cgt_'");
        assertInvalid("cg_abc", "starts with 'cgt_'");
        assertInvalid("cgt_" + "A".repeat(600), "at most 512");
        assertInvalid("cgt_%%%%", "not base64url");
        assertInvalid(new Token("localhost", 1, FINGERPRINT, SECRET).encode() + "==", "padding");
        assertInvalid(encode("v2.localhost:1." + FINGERPRINT + "." + SECRET), "format v2");
        assertInvalid(encode("localhost:1." + FINGERPRINT + "." + SECRET), "format version");
        assertInvalid(encode("v1.localhost:1." + SECRET), "four fields");
        assertInvalid(encode("v1.localhost." + FINGERPRINT + "." + SECRET), "no port");
        assertInvalid(encode("v1.[::1]." + FINGERPRINT + "." + SECRET), "no port");
        assertInvalid(encode("v1.localhost:http." + FINGERPRINT + "." + SECRET), "port is not a number");
        assertInvalid(encode("v1.localhost:70000." + FINGERPRINT + "." + SECRET), "1 to 65535");
        assertInvalid(encode("v1.local_host:1." + FINGERPRINT + "." + SECRET), "host");
        assertInvalid(encode("v1.localhost:1." + FINGERPRINT.toUpperCase() + "." + SECRET), "fingerprint");
        assertInvalid(encode("v1.localhost:1." + FINGERPRINT + ".short"), "secret");
        assertInvalid(encode("v1.localhost:1." + FINGERPRINT + "." + SECRET + "\u00e9"), "printable ASCII");
    }

    @Test
    void aTokenOverTheProtocolLimitCannotBeMade() {
        String longHost = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61));

        assertThatThrownBy(() -> new Token(longHost, 8443, FINGERPRINT, "s".repeat(128)))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("over the limit of 512");
        assertThat(new Token(longHost, 8443, FINGERPRINT, SECRET).encode().length())
                .isLessThanOrEqualTo(Limits.MAX_TOKEN_BYTES);
    }

    private static void assertInvalid(String token, String message) {
        assertThatThrownBy(() -> EnrollmentTokenFormat.parse(token))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining(message);
    }

    private static String encode(String text) {
        return "cgt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
