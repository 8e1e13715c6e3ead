package io.capgate.portal.audit.chain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A signed head kept in {@code audit_checkpoints}: a second witness of the chain's length besides
 * the anchor file, written in the appending transaction every few rows.
 */
record Checkpoint(long organizationId, long seq, String hash, Instant at, String keyId, String signature) {

  /** The text the signature covers. */
  static String signedText(long organizationId, long seq, String hash, Instant at, String keyId) {
    return "capgate-audit-checkpoint-v1\n" + organizationId + "\n" + seq + "\n" + hash + "\n"
        + ChronoUnit.MICROS.between(Instant.EPOCH, at) + "\n" + keyId + "\n";
  }

  static Checkpoint signed(AuditKey key, long organizationId, long seq, String hash, Instant at) {
    return new Checkpoint(organizationId, seq, hash, at, key.id(),
        key.sign(signedText(organizationId, seq, hash, at, key.id())));
  }

  boolean signatureValid(AuditKey key) {
    return key.signatureMatches(signedText(organizationId, seq, hash, at, keyId), signature);
  }
}
