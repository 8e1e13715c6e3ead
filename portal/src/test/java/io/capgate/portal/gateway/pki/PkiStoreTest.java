package io.capgate.portal.gateway.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.portal.gateway.AgentKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiStoreTest {

  private static final List<String> NAMES = List.of("localhost", "127.0.0.1", "portal.example.com");
  private static final PkiStore.ConfiguredTls OWN = new PkiStore.ConfiguredTls(null, null, null);

  @TempDir Path dir;
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void theFirstStartCreatesACaAndAServerCertificateSignedByIt() throws Exception {
    var pki = PkiStore.loadOrCreate(dir, NAMES, OWN, clock);

    var ca = pki.caCertificate();
    assertThat(ca.getBasicConstraints()).isZero();
    assertThat(ca.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
    assertThat(Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()))
        .isGreaterThan(Duration.ofDays(3650));
    assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
    var server = pki.serverChain().getFirst();
    server.verify(ca.getPublicKey());
    assertThat(pki.serverChain()).containsExactly(server, ca);
    assertThat(server.getBasicConstraints()).isEqualTo(-1);
    assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(Certificates.subjectAlternativeNames(server)).containsExactlyInAnyOrderElementsOf(NAMES);
    assertThat(pki.presentedCa()).isEqualTo(ca);
    assertThat(pki.presentedCaFingerprint()).matches("[0-9a-f]{64}");
  }

  @Test
  void keysAreOwnerOnlyInAnOwnerOnlyFolder() throws Exception {
    PkiStore.loadOrCreate(dir, NAMES, OWN, clock);

    assertThat(permissions(dir)).isEqualTo("rwx------");
    assertThat(permissions(dir.resolve(PkiStore.CA_KEY))).isEqualTo("rw-------");
    assertThat(permissions(dir.resolve(PkiStore.SERVER_KEY))).isEqualTo("rw-------");
    assertThat(Files.readString(dir.resolve(PkiStore.CA_CERTIFICATE))).startsWith("-----BEGIN CERTIFICATE-----");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(".tmp-"));
    }
  }

  @Test
  void aRestartReusesTheCaAndTheServerCertificate() {
    var first = PkiStore.loadOrCreate(dir, NAMES, OWN, clock);

    var restarted = PkiStore.loadOrCreate(dir, NAMES, OWN, clock);

    assertThat(restarted.presentedCaFingerprint()).isEqualTo(first.presentedCaFingerprint());
    assertThat(restarted.serverChain()).isEqualTo(first.serverChain());
  }

  @Test
  void aNewServerNameOrNearExpiryReissuesTheServerCertificateUnderTheSameCa() {
    var first = PkiStore.loadOrCreate(dir, NAMES, OWN, clock);

    var renamed = PkiStore.loadOrCreate(dir, List.of("localhost", "gateway.example.com", "::1"), OWN, clock);
    var later = PkiStore.loadOrCreate(dir, List.of("localhost", "gateway.example.com", "::1"),
        OWN, Clock.offset(clock, Certificates.SERVER_VALIDITY.minusDays(10)));

    assertThat(renamed.presentedCaFingerprint()).isEqualTo(first.presentedCaFingerprint());
    assertThat(renamed.serverChain().getFirst()).isNotEqualTo(first.serverChain().getFirst());
    assertThat(Certificates.subjectAlternativeNames(renamed.serverChain().getFirst()))
        .contains("gateway.example.com", "0:0:0:0:0:0:0:1");
    assertThat(later.serverChain().getFirst()).isNotEqualTo(renamed.serverChain().getFirst());
    assertThat(later.presentedCaFingerprint()).isEqualTo(first.presentedCaFingerprint());
  }

  @Test
  void aMissingCaKeyIsAnErrorNotANewCa() throws Exception {
    PkiStore.loadOrCreate(dir, NAMES, OWN, clock);
    Files.delete(dir.resolve(PkiStore.CA_KEY));

    assertThatThrownBy(() -> PkiStore.loadOrCreate(dir, NAMES, OWN, clock)).isInstanceOf(PkiException.class)
        .hasMessageContaining("ca.key is missing").hasMessageContaining("enroll again");
  }

  @Test
  void aConfiguredServerCertificateReplacesTheOwnAndTokensPinItsCa() throws Exception {
    var random = new SecureRandom();
    var corporateKeys = Certificates.newEcKeyPair(random);
    var corporateCa = Certificates.ca(corporateKeys, "Corporate CA", clock.instant(), random);
    var serverKeys = Certificates.newEcKeyPair(random);
    var server = Certificates.server(serverKeys.getPublic(), List.of("portal.corp"), corporateCa,
        corporateKeys.getPrivate(), clock.instant(), random);
    Path external = Files.createDirectories(dir.resolve("external"));
    Pem.write(external.resolve("server.crt"), false, server);
    Pem.write(external.resolve("server.key"), true, serverKeys.getPrivate());
    Pem.write(external.resolve("ca.crt"), false, corporateCa);

    var pki = PkiStore.loadOrCreate(dir.resolve("pki"), NAMES, new PkiStore.ConfiguredTls(
        external.resolve("server.crt"), external.resolve("server.key"), external.resolve("ca.crt")), clock);

    assertThat(pki.serverChain()).containsExactly(server, corporateCa);
    assertThat(pki.presentedCa()).isEqualTo(corporateCa);
    assertThat(pki.caCertificate()).isNotEqualTo(corporateCa);
    assertThat(pki.presentedCaFingerprint()).isEqualTo(PortalPki.fingerprint(corporateCa));
    var chain = pki.issueClientCertificate("agent-1", AgentKeys.csr(AgentKeys.ecKeyPair()));
    assertThat(chain).hasSize(2).last().isEqualTo(pki.caCertificate());
  }

  @Test
  void aConfiguredCertificateNeedsAllThreeFilesAndAMatchingKey() throws Exception {
    var own = PkiStore.loadOrCreate(dir, NAMES, OWN, clock);
    Path otherKey = dir.resolve("other.key");
    Pem.write(otherKey, true, AgentKeys.ecKeyPair().getPrivate());
    Path serverCertificate = dir.resolve(PkiStore.SERVER_CERTIFICATE);

    assertThatThrownBy(() -> PkiStore.loadOrCreate(dir, NAMES,
        new PkiStore.ConfiguredTls(serverCertificate, null, null), clock))
        .isInstanceOf(PkiException.class).hasMessageContaining("all three");
    assertThatThrownBy(() -> PkiStore.loadOrCreate(dir, NAMES,
        new PkiStore.ConfiguredTls(serverCertificate, otherKey, dir.resolve(PkiStore.CA_CERTIFICATE)), clock))
        .isInstanceOf(PkiException.class).hasMessageContaining("does not belong");
    assertThat(own.serverChain()).hasSize(2);
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
