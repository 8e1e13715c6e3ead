package io.capgate.portal.audit.chain;

import io.capgate.portal.audit.VerificationResult;
import io.capgate.portal.audit.VerificationResult.Reason;
import io.capgate.portal.audit.VerificationResult.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes one organization's chain from seq 1 and compares its end with the anchor file and the
 * checkpoints. Reads only that organization's rows, streaming them, in one snapshot.
 */
@Component
class ChainVerifier {

  private static final int FETCH_SIZE = 2000;

  private final JdbcTemplate streaming;
  private final TransactionTemplate snapshot;
  private final AuditKey key;
  private final AnchorStore anchors;
  private final Clock clock;

  ChainVerifier(DataSource dataSource, PlatformTransactionManager transactions, AuditKey key, AnchorStore anchors,
      Clock clock) {
    this.streaming = new JdbcTemplate(dataSource);
    // PostgreSQL streams with a cursor only inside a transaction; otherwise it loads every row at once.
    this.streaming.setFetchSize(FETCH_SIZE);
    this.snapshot = new TransactionTemplate(transactions);
    this.snapshot.setReadOnly(true);
    this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.key = key;
    this.anchors = anchors;
    this.clock = clock;
  }

  VerificationResult verify(long organizationId) {
    // Read the anchor before the snapshot starts: it is written after commit, so everything it
    // covers is then visible to the snapshot, and a concurrent append cannot look like a deletion.
    var anchor = anchors.read(organizationId);
    return snapshot.execute(status -> new Walk(organizationId, anchor).run());
  }

  /** One verification: its state and steps. */
  private final class Walk {

    private final long organizationId;
    private final AnchorStore.Reading anchor;
    private final long anchoredSeq;
    private final Mac mac = key.rowMac();
    private long rows;
    private String headHash;

    Walk(long organizationId, AnchorStore.Reading anchor) {
      this.organizationId = organizationId;
      this.anchor = anchor;
      this.anchoredSeq = anchor instanceof AnchorStore.Reading.Valid valid ? valid.seq() : 0;
    }

    VerificationResult run() {
      if (anchor instanceof AnchorStore.Reading.OtherKey other) {
        return broken(null, Reason.KEY_MISMATCH, "The anchor was signed with audit key " + other.keyId()
            + ", but the portal runs with key " + key.id() + ": restore the original audit key");
      }
      var checkpoints = checkpoints();
      for (var checkpoint : checkpoints.values()) {
        if (!checkpoint.keyId().equals(key.id())) {
          return broken(checkpoint.seq(), Reason.KEY_MISMATCH, "The checkpoint at seq " + checkpoint.seq()
              + " was signed with audit key " + checkpoint.keyId() + ", but the portal runs with key " + key.id());
        }
        if (!checkpoint.signatureValid(key)) {
          return broken(checkpoint.seq(), Reason.CHECKPOINT_TAMPERED,
              "The checkpoint at seq " + checkpoint.seq() + " does not match its signature: it was changed");
        }
      }
      var chainBreak = walkRows(checkpoints);
      return chainBreak != null ? chainBreak : checkEnd(checkpoints);
    }

    /** Streams the rows in seq order; the first break, or null when every row chains. */
    private VerificationResult walkRows(Map<Long, Checkpoint> checkpoints) {
      return streaming.query("""
          select seq, at, actor_user_id, actor_name, action, object_type, object_id,
            before_state::text, after_state::text, prev_hash, hash
          from audit_log where organization_id = ? order by seq""", rs -> {
            while (rs.next()) {
              var problem = check(rs, checkpoints);
              if (problem != null) {
                return problem;
              }
            }
            return null;
          }, organizationId);
    }

    private VerificationResult check(ResultSet rs, Map<Long, Checkpoint> checkpoints) throws SQLException {
      long expected = rows + 1;
      long seq = rs.getLong("seq");
      if (seq != expected) {
        return broken(expected, Reason.DELETED, seq == expected + 1 ? "Row " + expected + " was deleted"
            : "Rows " + expected + " to " + (seq - 1) + " were deleted");
      }
      String prevHash = expected == 1 ? ChainRow.GENESIS : headHash;
      if (!prevHash.equals(rs.getString("prev_hash"))) {
        return broken(seq, Reason.EDITED, "Row " + seq + " no longer links to row " + (seq - 1)
            + ": it was changed or replaced");
      }
      var row = new ChainRow(organizationId, seq, rs.getObject("at", OffsetDateTime.class).toInstant(),
          rs.getObject("actor_user_id", Long.class), rs.getString("actor_name"), rs.getString("action"),
          rs.getString("object_type"), rs.getString("object_id"), CanonicalJson.of(rs.getString(8)),
          CanonicalJson.of(rs.getString(9)), prevHash);
      String hash = row.hash(mac);
      if (!hash.equals(rs.getString("hash"))) {
        return broken(seq, Reason.EDITED, "Row " + seq + " does not match its hash: it was edited");
      }
      var checkpoint = checkpoints.get(seq);
      if (checkpoint != null && !checkpoint.hash().equals(hash)) {
        return broken(seq, Reason.EDITED, "Row " + seq + " is not the row the checkpoint signed: it was replaced");
      }
      if (anchor instanceof AnchorStore.Reading.Valid valid && valid.seq() == seq && !valid.hash().equals(hash)) {
        return broken(seq, Reason.EDITED, "Row " + seq + " is not the row the anchor signed: it was replaced");
      }
      rows = seq;
      headHash = hash;
      return null;
    }

    /** After an intact chain: is it as long as its witnesses say? */
    private VerificationResult checkEnd(Map<Long, Checkpoint> checkpoints) {
      long lastCheckpoint = checkpoints.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
      long headPointer = streaming.queryForList("select seq from audit_heads where organization_id = ?",
          Long.class, organizationId).stream().findFirst().orElse(0L);
      if (anchor instanceof AnchorStore.Reading.Tampered tampered) {
        return broken(null, Reason.ANCHOR_TAMPERED, "The anchor file was changed: " + tampered.why());
      }
      for (var witness : List.of(new Witness("anchor", anchoredSeq), new Witness("checkpoint", lastCheckpoint),
          new Witness("head pointer", headPointer))) {
        if (witness.seq() > rows) {
          return broken(rows + 1, Reason.NEWEST_DELETED, "The log ends at seq " + rows + " but the " + witness.name()
              + " shows seq " + witness.seq() + ": the newest rows were deleted");
        }
      }
      if (anchor instanceof AnchorStore.Reading.Missing && rows > 0) {
        return result(Status.WARNING, null, Reason.ANCHOR_MISSING, rows + " rows chain correctly, but there is no"
            + " anchor file for this organization: deleting the newest rows after seq " + lastCheckpoint
            + " cannot be ruled out");
      }
      if (rows > anchoredSeq) {
        return result(Status.WARNING, null, Reason.NOT_YET_ANCHORED, rows + " rows chain correctly; the "
            + (rows - anchoredSeq) + " after seq " + anchoredSeq + " are not anchored yet (they are anchored with"
            + " the next change)");
      }
      return result(Status.VALID, null, null, rows + " rows chain correctly up to the anchored head " + rows);
    }

    private Map<Long, Checkpoint> checkpoints() {
      return streaming.query("""
          select seq, hash, at, key_id, signature from audit_checkpoints where organization_id = ? order by seq""",
          (rs, n) -> new Checkpoint(organizationId, rs.getLong(1), rs.getString(2),
              rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getString(5)),
          organizationId).stream().collect(Collectors.toMap(Checkpoint::seq, Function.identity()));
    }

    private VerificationResult broken(Long seq, Reason reason, String message) {
      return result(Status.BROKEN, seq, reason, message);
    }

    private VerificationResult result(Status status, Long brokenSeq, Reason reason, String message) {
      return new VerificationResult(status, organizationId, rows, rows, headHash, anchoredSeq, brokenSeq, reason,
          message, clock.instant());
    }
  }

  private record Witness(String name, long seq) {}
}
