package io.capgate.agent.fleet.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which server chains the agent accepts, with certificates issued by test CAs. */
class PinnedTrustManagerTest {

    private static final String AUTH = "ECDHE_ECDSA";

    private final TestPki.Issued portalCa = TestPki.ca("Portal CA");
    private final TestPki.Issued otherCa = TestPki.ca("Other CA");
    private final TestPki.Issued server = TestPki.server(portalCa, "localhost");
    private final CertificatePin pin = CertificatePin.of(portalCa.certificate());

    private X509Certificate[] chain(X509Certificate... certificates) {
        return certificates;
    }

    @Test
    void whileEnrollingAChainThatContainsThePinnedCaIsTrusted() {
        PinnedTrustManager trust = PinnedTrustManager.forEnrollment(pin);

        assertThatCode(() -> trust.checkServerTrusted(chain(server.certificate(), portalCa.certificate()), AUTH))
                .doesNotThrowAnyException();
        assertThat(PinnedTrustManager.pinnedCertificate(pin, chain(server.certificate(), portalCa.certificate())))
                .contains(portalCa.certificate());
        assertThat(trust.getAcceptedIssuers()).isEmpty();
    }

    @Test
    void whileEnrollingAChainWithoutThePinnedCaIsRefused() {
        PinnedTrustManager trust = PinnedTrustManager.forEnrollment(CertificatePin.of(otherCa.certificate()));

        assertThatThrownBy(() -> trust.checkServerTrusted(chain(server.certificate(), portalCa.certificate()), AUTH))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("does not contain the pinned CA sha256:" + CertificatePin.of(otherCa.certificate()).hex());
        assertThatThrownBy(() -> PinnedTrustManager.forEnrollment(pin).checkServerTrusted(
                chain(server.certificate()), AUTH)).hasMessageContaining("does not contain the pinned CA");
    }

    @Test
    void appendingThePinnedCaToSomeoneElsesChainDoesNotHelp() {
        TestPki.Issued impostor = TestPki.server(otherCa, "localhost");

        assertThatThrownBy(() -> PinnedTrustManager.forEnrollment(pin).checkServerTrusted(
                chain(impostor.certificate(), otherCa.certificate(), portalCa.certificate()), AUTH))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void afterEnrollmentOnlyTheStoredCaIsTrusted() throws Exception {
        PinnedTrustManager trust = PinnedTrustManager.forCa(portalCa.certificate(), pin);
        TestPki.Issued impostor = TestPki.server(otherCa, "localhost");

        assertThatCode(() -> trust.checkServerTrusted(chain(server.certificate()), AUTH)).doesNotThrowAnyException();
        assertThatThrownBy(() -> trust.checkServerTrusted(chain(impostor.certificate(), otherCa.certificate()), AUTH))
                .isInstanceOf(CertificateException.class);
        assertThat(trust.getAcceptedIssuers()).containsExactly(portalCa.certificate());
    }

    @Test
    void aStoredCaThatIsNotThePinnedOneIsRefused() {
        assertThatThrownBy(() -> PinnedTrustManager.forCa(otherCa.certificate(), pin))
                .isInstanceOf(IdentityException.class).hasMessageContaining("is not the pinned one");
    }

    @Test
    void anExpiredServerCertificateIsRefused() throws Exception {
        X509Certificate expired = TestPki.issue(portalCa, server.keys().getPublic(), "CN=localhost",
                TestPki.Kind.SERVER, TestPki.NOW.minus(Duration.ofDays(1000)), TestPki.NOW.minus(Duration.ofDays(900)));
        PinnedTrustManager trust = PinnedTrustManager.forCa(portalCa.certificate(), pin);

        assertThatThrownBy(() -> trust.checkServerTrusted(chain(expired), AUTH)).isInstanceOf(CertificateException.class);
    }

    @Test
    void theAgentNeverTrustsClients() throws Exception {
        PinnedTrustManager trust = PinnedTrustManager.forCa(portalCa.certificate(), pin);

        assertThatThrownBy(() -> trust.checkClientTrusted(chain(server.certificate()), AUTH))
                .hasMessageContaining("only connects out");
    }

    @Test
    void pinsCompareAsFingerprints() {
        assertThat(pin.matches(portalCa.certificate())).isTrue();
        assertThat(pin.matches(otherCa.certificate())).isFalse();
        assertThat(pin.toString()).startsWith("sha256:").hasSize(7 + 64);
        assertThatThrownBy(() -> new CertificatePin("xyz")).hasMessageContaining("64 hex digits");
    }
}
