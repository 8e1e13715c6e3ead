package io.capgate.agent.fleet.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnrollmentTokenTest {

    private static final String PIN = "ab".repeat(32);
    private static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQ";
    /** {@code v1.portal.example.com:8443.abab...ab.c2VjcmV0LXNlY3JldC1zZWNyZXQ}, encoded by Python's base64. */
    private static final String GOLDEN = "cgt_djEucG9ydGFsLmV4YW1wbGUuY29tOjg0NDMuYWJhYmFiYWJhYmFiYWJhYmFiYWJhYmFiYWJh"
            + "YmFiYWJhYmFiYWJhYmFiYWJhYmFiYWJhYmFiYWJhYmFiYWJhYi5jMlZqY21WMExYTmxZM0psZEMxelpXTnlaWFE";

    private static String token(String text) {
        return "cgt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesTheDocumentedFormatWithDotsInTheHostName() {
        EnrollmentToken t = EnrollmentToken.parse("  " + GOLDEN + "\n");

        assertThat(t.host()).isEqualTo("portal.example.com");
        assertThat(t.port()).isEqualTo(8443);
        assertThat(t.pin()).isEqualTo(new CertificatePin(PIN));
        assertThat(t.secret()).isEqualTo(SECRET);
        assertThat(t.encode()).isEqualTo(GOLDEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"portal", "10.0.0.7", "[2001:db8::1]", "a-b.c-d.example"})
    void roundTripsEveryKindOfHost(String host) {
        EnrollmentToken t = new EnrollmentToken(host, 443, new CertificatePin(PIN), SECRET);

        assertThat(EnrollmentToken.parse(t.encode())).isEqualTo(t);
    }

    @Test
    void neverShowsTheSecret() {
        EnrollmentToken t = EnrollmentToken.parse(GOLDEN);

        assertThat(t.toString()).doesNotContain(SECRET).contains("portal.example.com:8443", "<redacted>");
    }

    @Test
    void acceptsThePinWithColonsAndInUpperCase() {
        String colons = String.join(":", PIN.toUpperCase().split("(?<=\\G..)"));

        assertThat(EnrollmentToken.parse(token("v1.portal:1." + colons + "." + SECRET)).pin())
                .isEqualTo(new CertificatePin(PIN));
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> EnrollmentToken.parse("djEu")).isInstanceOf(InvalidEnrollmentTokenException.class)
                .hasMessageContaining("starts with 'cgt_'");
        assertThatThrownBy(() -> EnrollmentToken.parse("cgt_***"))
                .hasMessageContaining("is not base64url");
        assertThatThrownBy(() -> EnrollmentToken.parse(GOLDEN.replace("cgt_djEu", "cgt_djIu")))
                .hasMessage("the token has format v2 but this agent reads only v1: upgrade the agent");
        assertThatThrownBy(() -> EnrollmentToken.parse(token("hello"))).hasMessageContaining("format version");
        assertThatThrownBy(() -> EnrollmentToken.parse(token("v1.portal:443." + SECRET)))
                .hasMessageContaining("four fields");
        assertThatThrownBy(() -> EnrollmentToken.parse(token("v1.portal." + PIN + "." + SECRET)))
                .hasMessageContaining("has no port");
        assertThatThrownBy(() -> EnrollmentToken.parse(token("v1.portal:https." + PIN + "." + SECRET)))
                .hasMessageContaining("port is not a number");
        assertThatThrownBy(() -> EnrollmentToken.parse(token("v1.portal:70000." + PIN + "." + SECRET)))
                .hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> EnrollmentToken.parse(token("v1.portal:443." + PIN.substring(2) + "." + SECRET)))
                .hasMessageContaining("CA pin is wrong").hasMessageContaining("got 62 characters");
        assertThatThrownBy(() -> EnrollmentToken.parse(token("v1.por tal:443." + PIN + "." + SECRET)))
                .hasMessageContaining("not a host name");
        assertThatThrownBy(() -> EnrollmentToken.parse(token("v1.portal:443." + PIN + ".short")))
                .hasMessageContaining("22 to 128 base64url characters").hasMessageNotContaining("short");
        assertThatThrownBy(() -> EnrollmentToken.parse("cgt_" + "A".repeat(600))).hasMessageContaining("at most 512");
    }

    @Test
    void refusesToMakeATokenLongerThanTheProtocolAllows() {
        String longHost = String.join(".", java.util.Collections.nCopies(4, "x".repeat(60)));

        assertThatThrownBy(() -> new EnrollmentToken(longHost, 443, new CertificatePin(PIN), "s".repeat(128)))
                .hasMessageContaining("over the limit of 512");
    }
}
