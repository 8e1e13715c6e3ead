package io.capgate.portal.audit.chain;

import io.capgate.portal.base.PortalProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The audit key: the secret that makes row hashes and anchor signatures unforgeable for someone who
 * can only reach the database. It comes from {@code capgate.audit.key} or from {@code audit.key} in
 * the data folder (created, readable by the owner only, on first start). Two keys are derived from
 * it, one for rows and one for anchors and checkpoints, so a value of one kind never passes as the
 * other. The key itself is never logged.
 */
@Component
class AuditKey {

  static final String FILE_NAME = "audit.key";
  private static final Logger log = LoggerFactory.getLogger(AuditKey.class);
  private static final int MIN_BYTES = 32;
  private static final HexFormat HEX = HexFormat.of();

  private final SecretKeySpec rowKey;
  private final SecretKeySpec anchorKey;
  private final String id;

  @Autowired
  AuditKey(AuditProperties properties, PortalProperties portal) {
    this(load(properties.key(), portal.dataDir()));
  }

  AuditKey(byte[] master) {
    if (master.length < MIN_BYTES) {
      throw new IllegalStateException("The audit key must have at least " + MIN_BYTES + " bytes");
    }
    var masterKey = new SecretKeySpec(master, "HmacSHA256");
    this.rowKey = new SecretKeySpec(hmac(masterKey, "capgate audit rows v1"), "HmacSHA256");
    this.anchorKey = new SecretKeySpec(hmac(masterKey, "capgate audit anchors v1"), "HmacSHA256");
    this.id = HEX.formatHex(hmac(masterKey, "capgate audit key id v1")).substring(0, 16);
  }

  /** A short public fingerprint of the key, stored with anchors and checkpoints. */
  String id() {
    return id;
  }

  /** A MAC over rows; not thread-safe, so each append or verification takes its own. */
  Mac rowMac() {
    return mac(rowKey);
  }

  /** HMAC of an anchor's or checkpoint's text with the anchor key, hex. */
  String sign(String text) {
    return HEX.formatHex(mac(anchorKey).doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Compares in constant time, so a signature cannot be guessed byte by byte. */
  boolean signatureMatches(String text, String signature) {
    return signature != null && MessageDigest.isEqual(sign(text).getBytes(StandardCharsets.US_ASCII),
        signature.strip().getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] hmac(SecretKeySpec key, String label) {
    return mac(key).doFinal(label.getBytes(StandardCharsets.UTF_8));
  }

  private static Mac mac(SecretKeySpec key) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static byte[] load(String configured, Path dataDir) {
    if (configured != null && !configured.isBlank()) {
      try {
        return Base64.getDecoder().decode(configured.strip());
      } catch (IllegalArgumentException e) {
        // The message must not echo the value.
        throw new IllegalStateException("capgate.audit.key is not base64; set it to e.g. `openssl rand -base64 32`");
      }
    }
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the audit key " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("The audit key file " + file + " is not base64");
    }
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] key = new byte[MIN_BYTES];
    new SecureRandom().nextBytes(key);
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      return; // another process created it first: use theirs
    }
    Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
    log.info("Created a new audit key in {} (keep it with backups of the data folder, never with the database)",
        file);
  }
}
