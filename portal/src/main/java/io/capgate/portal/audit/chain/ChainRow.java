package io.capgate.portal.audit.chain;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import javax.crypto.Mac;

/**
 * Every stored field of one audit row, and its hash:
 * {@code HMAC-SHA256(row key, encode(prevHash, organizationId, seq, at, actorUserId, actorName,
 * action, objectType, objectId, canonical before, canonical after))}.
 *
 * <p>The encoding is a version label followed by each field as a 4-byte big-endian length and its
 * UTF-8 bytes (length -1 for null; numbers and {@code at}, in epoch microseconds, as decimal text).
 * Length prefixes make the encoding unambiguous: moving text from one field to the next changes it.
 *
 * @param before canonical JSON of the stored jsonb (see {@link CanonicalJson})
 * @param after canonical JSON of the stored jsonb
 */
record ChainRow(long organizationId, long seq, Instant at, Long actorUserId, String actorName, String action,
    String objectType, String objectId, String before, String after, String prevHash) {

  /** The previous hash of an organization's first row. */
  static final String GENESIS = "0".repeat(64);
  private static final String VERSION = "capgate-audit-row-v1";

  /** PostgreSQL keeps microseconds: the hashed instant must be the stored one. */
  static Instant storable(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  String hash(Mac rowMac) {
    return HexFormat.of().formatHex(rowMac.doFinal(encode()));
  }

  byte[] encode() {
    var bytes = new ByteArrayOutputStream(256 + before.length() + after.length());
    try (var out = new DataOutputStream(bytes)) {
      field(out, VERSION);
      field(out, prevHash);
      field(out, Long.toString(organizationId));
      field(out, Long.toString(seq));
      field(out, Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, at)));
      field(out, actorUserId == null ? null : Long.toString(actorUserId));
      field(out, actorName);
      field(out, action);
      field(out, objectType);
      field(out, objectId);
      field(out, before);
      field(out, after);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void field(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }
}
