package io.capgate.portal.audit;

import java.time.Instant;

/**
 * What {@link AuditLog#verify()} found.
 *
 * @param status {@code VALID}, {@code WARNING} (intact, but part of it is not yet witnessed outside
 *     the database) or {@code BROKEN} (tampering or a wrong key)
 * @param organizationId whose chain was checked
 * @param rows rows whose hashes were recomputed and matched
 * @param headSeq the last verified seq (0 for an empty log)
 * @param headHash the last verified hash ({@code null} for an empty log)
 * @param anchoredSeq the seq of the signed anchor outside the database (0 when there is none)
 * @param firstBrokenSeq where the chain first breaks; {@code null} unless BROKEN at a row
 * @param reason why it is not VALID; {@code null} when VALID
 * @param message a sentence for people
 * @param checkedAt when the check ran
 */
public record VerificationResult(Status status, long organizationId, long rows, long headSeq, String headHash,
    long anchoredSeq, Long firstBrokenSeq, Reason reason, String message, Instant checkedAt) {

  public enum Status {
    VALID, WARNING, BROKEN
  }

  public enum Reason {
    /** A row's fields or link differ from what was hashed: it was edited (or replaced). */
    EDITED,
    /** A seq is missing in the middle of the chain: rows were deleted. */
    DELETED,
    /** The chain ends before the signed anchor or a checkpoint: the newest rows were deleted. */
    NEWEST_DELETED,
    /** The anchor file's signature does not match its content. */
    ANCHOR_TAMPERED,
    /** A checkpoint's signature does not match its content. */
    CHECKPOINT_TAMPERED,
    /** The anchor was signed with another audit key than the one configured now. */
    KEY_MISMATCH,
    /** (warning) The organization has rows but no anchor file: truncation cannot be ruled out. */
    ANCHOR_MISSING,
    /** (warning) Rows after the anchor chain correctly but were not anchored yet (e.g. a crash after commit). */
    NOT_YET_ANCHORED
  }

  /** True unless tampering (or a wrong key) was found. */
  public boolean intact() {
    return status != Status.BROKEN;
  }
}
