package io.capgate.portal.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.model.protocol.Limits;
import io.capgate.portal.gateway.pki.PkiException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestSignerTest {

  private static final byte[] MANIFEST = "{\"apiVersion\":\"capgate.io/v1\"}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void signaturesAre64BytesOfEd25519ThatVerify() throws Exception {
    var signer = ManifestSigner.loadOrCreate(dir);

    byte[] signature = signer.sign(MANIFEST);

    assertThat(signature).hasSize(Limits.ED25519_SIGNATURE_BYTES);
    assertThat(signer.verify(MANIFEST, signature)).isTrue();
    var jdk = Signature.getInstance("Ed25519");
    jdk.initVerify(signer.publicKey());
    jdk.update(MANIFEST);
    assertThat(jdk.verify(signature)).isTrue();
  }

  @Test
  void aChangedManifestOrSignatureDoesNotVerify() {
    var signer = ManifestSigner.loadOrCreate(dir);
    byte[] signature = signer.sign(MANIFEST);
    byte[] changed = MANIFEST.clone();
    changed[5] ^= 1;
    byte[] badSignature = signature.clone();
    badSignature[0] ^= 1;

    assertThat(signer.verify(changed, signature)).isFalse();
    assertThat(signer.verify(MANIFEST, badSignature)).isFalse();
    assertThat(signer.verify(MANIFEST, new byte[3])).isFalse();
  }

  @Test
  void theKeyIdIsTheStartOfTheSha256OfThePublicKeyInfo() throws Exception {
    var signer = ManifestSigner.loadOrCreate(dir);

    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(signer.publicKeyDer()))
        .substring(0, 16);

    assertThat(signer.keyId()).isEqualTo(expected).matches("[0-9a-f]{16}");
  }

  @Test
  void theKeyIsKeptOwnerOnlyAndReusedOnRestart() throws Exception {
    var first = ManifestSigner.loadOrCreate(dir);

    var restarted = ManifestSigner.loadOrCreate(dir);

    assertThat(restarted.keyId()).isEqualTo(first.keyId());
    assertThat(restarted.verify(MANIFEST, first.sign(MANIFEST))).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(ManifestSigner.PRIVATE_KEY))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
  }

  @Test
  void halfAKeyPairIsAnErrorNotANewKey() throws Exception {
    ManifestSigner.loadOrCreate(dir);
    Files.delete(dir.resolve(ManifestSigner.PUBLIC_KEY));

    assertThatThrownBy(() -> ManifestSigner.loadOrCreate(dir)).isInstanceOf(PkiException.class)
        .hasMessageContaining("Only one of");
  }
}
