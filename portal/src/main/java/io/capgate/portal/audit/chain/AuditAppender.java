package io.capgate.portal.audit.chain;

import io.capgate.portal.audit.AuditEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.ObjectMapper;

/**
 * Appends every {@link AuditEvent} as one chained row, synchronously in the publisher's
 * transaction: the change and its audit row commit or roll back together. A publisher without a
 * transaction gets one for the audit row alone.
 *
 * <p>Appends of one organization are serialized by locking its {@code audit_heads} row until the
 * transaction ends, so seq stays contiguous and prev_hash never forks. After the commit the new
 * head is anchored in the data folder.
 */
@Component
class AuditAppender {

  private final JdbcClient jdbc;
  private final AuditKey key;
  private final AnchorStore anchors;
  private final AuditProperties properties;
  private final Clock clock;
  private final ObjectMapper json;

  AuditAppender(JdbcClient jdbc, AuditKey key, AnchorStore anchors, AuditProperties properties, Clock clock,
      ObjectMapper json) {
    this.jdbc = jdbc;
    this.key = key;
    this.anchors = anchors;
    this.properties = properties;
    this.clock = clock;
    this.json = json;
  }

  @EventListener
  @Transactional(propagation = Propagation.REQUIRED)
  public void on(AuditEvent event) {
    var head = lockHead(event);
    var actor = event.actor();
    var row = new ChainRow(event.organizationId(), head.seq() + 1, ChainRow.storable(clock.instant()),
        actor.userId(), actor.name(), event.action(), event.objectType(), event.objectId(),
        CanonicalJson.of(head.before()), CanonicalJson.of(head.after()), head.hash());
    String hash = row.hash(key.rowMac());
    insert(row, hash);
    jdbc.sql("update audit_heads set seq = ?, hash = ? where organization_id = ?")
        .params(row.seq(), hash, row.organizationId()).update();
    if (row.seq() % properties.checkpointInterval() == 0) {
      checkpoint(Checkpoint.signed(key, row.organizationId(), row.seq(), hash, row.at()));
    }
    anchorAfterCommit(row.organizationId(), row.seq(), hash);
  }

  /** The organization's head, locked until the transaction ends, and the event's JSON as jsonb prints it. */
  private Head lockHead(AuditEvent event) {
    // The upsert creates the head on first use and locks it either way (also when it already exists).
    return jdbc.sql("""
        with head as (
          insert into audit_heads (organization_id, seq, hash) values (:org, 0, :genesis)
          on conflict (organization_id) do update set seq = audit_heads.seq
          returning seq, hash)
        select seq, hash, cast(:before as jsonb)::text, cast(:after as jsonb)::text from head""")
        .param("org", event.organizationId()).param("genesis", ChainRow.GENESIS)
        .param("before", json.writeValueAsString(event.before()))
        .param("after", json.writeValueAsString(event.after()))
        .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .single();
  }

  private void insert(ChainRow row, String hash) {
    jdbc.sql("""
        insert into audit_log (organization_id, seq, at, actor_user_id, actor_name, action, object_type,
          object_id, before_state, after_state, prev_hash, hash)
        values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?)""")
        .params(row.organizationId(), row.seq(), timestamp(row.at()), row.actorUserId(), row.actorName(),
            row.action(), row.objectType(), row.objectId(), row.before(), row.after(), row.prevHash(), hash)
        .update();
  }

  private void checkpoint(Checkpoint checkpoint) {
    jdbc.sql("""
        insert into audit_checkpoints (organization_id, seq, hash, at, key_id, signature)
        values (?, ?, ?, ?, ?, ?)""")
        .params(checkpoint.organizationId(), checkpoint.seq(), checkpoint.hash(), timestamp(checkpoint.at()),
            checkpoint.keyId(), checkpoint.signature())
        .update();
  }

  private void anchorAfterCommit(long organizationId, long seq, String hash) {
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        anchors.advance(organizationId, seq, hash);
      }
    });
  }

  static OffsetDateTime timestamp(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private record Head(long seq, String hash, String before, String after) {}
}
