package io.capgate.portal.gateway.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.portal.gateway.AgentKeys;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsrVerifierTest {

  /** RSA keys take a while to generate: one for the whole class. */
  private static final KeyPair RSA_2048 = AgentKeys.rsaKeyPair(2048);

  @TempDir Path dir;

  @Test
  void acceptsTheKeysAgentsUse() throws Exception {
    var p256 = AgentKeys.ecKeyPair();
    var p384 = KeyPairGenerator.getInstance("EC");
    p384.initialize(new ECGenParameterSpec("secp384r1"));
    var p384Keys = p384.generateKeyPair();
    var ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    var rsa = RSA_2048;

    assertThat(CsrVerifier.verify(AgentKeys.csr(p256))).isEqualTo(p256.getPublic());
    assertThat(CsrVerifier.verify(AgentKeys.csr(p384Keys, "SHA384withECDSA"))).isEqualTo(p384Keys.getPublic());
    assertThat(CsrVerifier.verify(AgentKeys.csr(ed25519))).isEqualTo(ed25519.getPublic());
    assertThat(CsrVerifier.verify(AgentKeys.csr(rsa))).isEqualTo(rsa.getPublic());
  }

  @Test
  void refusesACsrNotSignedByItsOwnKey() {
    var claimed = AgentKeys.ecKeyPair();

    assertThatThrownBy(() -> CsrVerifier.verify(AgentKeys.csrWithoutPossession(claimed.getPublic(),
        AgentKeys.ecKeyPair())))
        .isInstanceOf(CsrRejectedException.class).hasMessageContaining("does not verify with its own key");
  }

  @Test
  void refusesWeakKeysAndAlgorithms() throws Exception {
    var p521 = KeyPairGenerator.getInstance("EC");
    p521.initialize(new ECGenParameterSpec("secp521r1"));

    assertThatThrownBy(() -> CsrVerifier.verify(AgentKeys.csr(p521.generateKeyPair(), "SHA512withECDSA")))
        .isInstanceOf(CsrRejectedException.class).hasMessageContaining("P-256 or P-384");
    assertThatThrownBy(() -> CsrVerifier.verify(AgentKeys.csr(AgentKeys.rsaKeyPair(1024))))
        .isInstanceOf(CsrRejectedException.class).hasMessageContaining("1024 bits");
    assertThatThrownBy(() -> CsrVerifier.verify(AgentKeys.csr(RSA_2048, "SHA1withRSA")))
        .isInstanceOf(CsrRejectedException.class).hasMessageContaining("signature algorithm");
  }

  @Test
  void refusesWhatIsNotACsr() {
    byte[] csr = AgentKeys.csr(AgentKeys.ecKeyPair());
    byte[] trailing = Arrays.copyOf(csr, csr.length + 1);

    for (byte[] bad : List.of(new byte[] {0x30, 0x03, 1, 2, 3}, "hello".getBytes(), trailing,
        Arrays.copyOf(csr, csr.length - 1))) {
      assertThatThrownBy(() -> CsrVerifier.verify(bad)).isInstanceOf(CsrRejectedException.class)
          .hasMessageContaining("not a DER-encoded PKCS#10");
    }
  }

  @Test
  void issuesAOneYearClientCertificateNamedByThePortal() throws Exception {
    var clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    var pki = PkiStore.loadOrCreate(dir, List.of("localhost"), new PkiStore.ConfiguredTls(null, null, null), clock);
    var keys = AgentKeys.ecKeyPair();

    var chain = pki.issueClientCertificate("agent-0123456789abcdef01234567", AgentKeys.csr(keys));
    var again = pki.issueClientCertificate("agent-0123456789abcdef01234567", AgentKeys.csr(keys));

    var certificate = chain.getFirst();
    assertThat(chain).hasSize(1);
    certificate.verify(pki.caCertificate().getPublicKey());
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=agent-0123456789abcdef01234567");
    assertThat(certificate.getIssuerX500Principal()).isEqualTo(pki.caCertificate().getSubjectX500Principal());
    assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
    assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
    assertThat(certificate.getNotAfter().toInstant()).isEqualTo(clock.instant().plus(Duration.ofDays(365)));
    assertThat(certificate.getSerialNumber().signum()).isPositive();
    assertThat(certificate.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
    assertThat(again.getFirst().getSerialNumber()).isNotEqualTo(certificate.getSerialNumber());
    assertThat(certificate.getSerialNumber()).isNotEqualTo(BigInteger.ONE);
  }
}
