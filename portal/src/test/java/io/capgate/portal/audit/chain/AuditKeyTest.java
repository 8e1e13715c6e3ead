package io.capgate.portal.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.portal.base.PortalProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditKeyTest {

  @TempDir Path dataDir;

  private PortalProperties portal() {
    return new PortalProperties(dataDir, 0, false);
  }

  @Test
  void theFirstStartCreatesAKeyFileOnlyTheOwnerCanReadAndLaterStartsReuseIt() throws Exception {
    var first = new AuditKey(new AuditProperties(null, 1000), portal());
    Path file = dataDir.resolve(AuditKey.FILE_NAME);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
    assertThat(new AuditKey(new AuditProperties(" ", 1000), portal()).id()).isEqualTo(first.id());
  }

  @Test
  void aConfiguredKeyWinsOverTheFile() {
    String configured = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    var key = new AuditKey(new AuditProperties(configured, 1000), portal());

    assertThat(key.id()).isEqualTo(new AuditKey("0123456789abcdef0123456789abcdef".getBytes()).id());
    assertThat(dataDir.resolve(AuditKey.FILE_NAME)).doesNotExist();
  }

  @Test
  void shortOrMalformedKeysAreRefusedWithoutEchoingThem() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> new AuditKey(new AuditProperties(shortKey, 1000), portal()))
        .hasMessageContaining("at least 32 bytes").hasMessageNotContaining(shortKey);
    assertThatThrownBy(() -> new AuditKey(new AuditProperties("not*base64!", 1000), portal()))
        .hasMessageContaining("not base64").hasMessageNotContaining("not*base64!");
  }

  @Test
  void propertiesNeverPrintTheKey() {
    assertThat(new AuditProperties("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA==", 10).toString())
        .doesNotContain("c2VjcmV0").contains("(hidden)");
  }

  @Test
  void signaturesMatchOnlyTheirText() {
    var key = new AuditKey(new byte[32]);
    String signature = key.sign("seq=3");

    assertThat(key.signatureMatches("seq=3", signature)).isTrue();
    assertThat(key.signatureMatches("seq=4", signature)).isFalse();
    assertThat(key.signatureMatches("seq=3", null)).isFalse();
  }
}
