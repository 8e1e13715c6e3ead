package io.capgate.portal.audit.chain;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.portal.audit.AuditEntry;
import io.capgate.portal.audit.AuditFilter;
import io.capgate.portal.audit.AuditLog;
import io.capgate.portal.audit.VerificationResult;
import io.capgate.portal.audit.VerificationResult.Reason;
import io.capgate.portal.audit.VerificationResult.Status;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@PortalTest
@Import(AuditTestSupport.class)
class AuditLogIT {

  @Autowired AuditLog auditLog;
  @Autowired Fixtures fixtures;
  @Autowired AuditTestSupport support;
  @Autowired AnchorStore anchors;
  @Autowired AuditKey key;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void appendsEachEventOfATransactionAsAChainedRow() {
    long org = fixtures.anOrganization();
    var auditor = fixtures.aUser(org, Role.AUDITOR);

    support.publish(org, 3);

    List<AuditEntry> page = as(auditor, () -> auditLog.page(AuditFilter.all(), null, 10));
    assertThat(page).extracting(AuditEntry::seq).containsExactly(3L, 2L, 1L);
    var newest = page.getFirst();
    assertThat(newest.actorName()).isEqualTo("user:alice");
    assertThat(newest.actorUserId()).isEqualTo(7L);
    assertThat(newest.action()).isEqualTo("project.updated");
    assertThat(newest.before()).containsEntry("count", 2).containsEntry("name", "payments");
    assertThat(newest.after()).containsEntry("count", 3);
    var result = verify(auditor);
    assertThat(result.status()).isEqualTo(Status.VALID);
    assertThat(result.rows()).isEqualTo(3);
    assertThat(result.headHash()).isEqualTo(newest.hash());
    assertThat(result.anchoredSeq()).isEqualTo(3);
  }

  @Test
  void aRolledBackTransactionLeavesNoRowAndNoAnchor() {
    long org = fixtures.anOrganization();
    var admin = fixtures.aUser(org, Role.ORG_ADMIN);

    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      support.events.publishEvent(AuditTestSupport.anEvent(org, 1));
      status.setRollbackOnly();
    });

    assertThat(as(admin, () -> auditLog.page(AuditFilter.all(), null, 10))).isEmpty();
    assertThat(Files.exists(anchors.pathOf(org))).isFalse();
    assertThat(verify(admin).status()).isEqualTo(Status.VALID);
  }

  @Test
  void concurrentAppendsFromEightThreadsKeepSeqContiguousAndTheChainValid() throws Exception {
    long org = fixtures.anOrganization();
    var auditor = fixtures.aUser(org, Role.AUDITOR);
    var start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(8)) {
      for (int t = 0; t < 8; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 5; i++) {
            support.publish(org, 2);
          }
          return null;
        }));
      }
      start.countDown();
      for (var future : done) {
        future.get();
      }
    }

    var seqs = jdbc.sql("select seq from audit_log where organization_id = ? order by seq").param(org)
        .query(Long.class).list();
    assertThat(seqs).hasSize(80).first().isEqualTo(1L);
    assertThat(seqs.getLast()).isEqualTo(80L);
    var result = verify(auditor);
    assertThat(result.status()).isEqualTo(Status.VALID);
    assertThat(result.anchoredSeq()).isEqualTo(80);
  }

  @Test
  void anEditedMiddleRowIsFoundAtItsSeq() {
    long org = fixtures.anOrganization();
    var auditor = fixtures.aUser(org, Role.AUDITOR);
    support.publish(org, 5);

    support.tamper("update audit_log set after_state = '{\"count\": 99, \"name\": \"payments\"}'"
        + " where organization_id = " + org + " and seq = 3");

    assertBroken(verify(auditor), 3, Reason.EDITED);
  }

  @Test
  void anEditedActorIsFoundToo() {
    long org = fixtures.anOrganization();
    var auditor = fixtures.aUser(org, Role.AUDITOR);
    support.publish(org, 3);

    support.tamper("update audit_log set actor_name = 'user:mallory' where organization_id = " + org + " and seq = 1");

    assertBroken(verify(auditor), 1, Reason.EDITED);
  }

  @Test
  void aDeletedMiddleRowIsFound() {
    long org = fixtures.anOrganization();
    var auditor = fixtures.aUser(org, Role.AUDITOR);
    support.publish(org, 5);

    support.tamper("delete from audit_log where organization_id = " + org + " and seq = 3");

    var result = verify(auditor);
    assertBroken(result, 3, Reason.DELETED);
    assertThat(result.rows()).isEqualTo(2);
  }

  @Test
  void deletingTheNewestRowsIsFoundThroughTheAnchorEvenWhenTheHeadIsRewound() {
    long org = fixtures.anOrganization();
    var auditor = fixtures.aUser(org, Role.AUDITOR);
    support.publish(org, 5);
    String hash3 = hashAt(org, 3);

    // A careful attacker also rewinds the head pointer so the next append does not leave a gap.
    support.tamper("delete from audit_log where organization_id = " + org + " and seq > 3",
        "update audit_heads set seq = 3, hash = '" + hash3 + "' where organization_id = " + org);

    var result = verify(auditor);
    assertBroken(result, 4, Reason.NEWEST_DELETED);
    assertThat(result.message()).contains("anchor");
  }

  @Test
  void rewritingRowsAndRechainingThemWithPlainSha256IsFound() throws Exception {
    long org = fixtures.anOrganization();
    var auditor = fixtures.aUser(org, Role.AUDITOR);
    support.publish(org, 4);

    // Without the key an attacker can only rebuild the chain with some keyless hash.
    support.tamper("update audit_log set after_state = '{\"count\": 42, \"name\": \"payments\"}'"
        + " where organization_id = " + org + " and seq = 2");
    String prev = hashAt(org, 1);
    for (long seq = 2; seq <= 4; seq++) {
      String forged = sha256(prev + seq + jdbc.sql("select after_state::text from audit_log where organization_id = ?"
          + " and seq = ?").params(org, seq).query(String.class).single());
      support.tamper("update audit_log set prev_hash = '" + prev + "', hash = '" + forged + "'"
          + " where organization_id = " + org + " and seq = " + seq);
      prev = forged;
    }
    support.tamper("update audit_heads set hash = '" + prev + "' where organization_id = " + org);

    assertBroken(verify(auditor), 2, Reason.EDITED);
  }

  @Test
  void aTamperedAnchorFileIsFound() throws Exception {
    long org = fixtures.anOrganization();
    var auditor = fixtures.aUser(org, Role.AUDITOR);
    support.publish(org, 3);
    var file = anchors.pathOf(org);

    Files.writeString(file, Files.readString(file).replace("seq=3", "seq=2"));

    var result = verify(auditor);
    assertThat(result.status()).isEqualTo(Status.BROKEN);
    assertThat(result.reason()).isEqualTo(Reason.ANCHOR_TAMPERED);
  }

  @Test
  void anAnchorSignedWithAnotherKeyIsReportedAsAKeyMismatch() {
    long org = fixtures.anOrganization();
    var auditor = fixtures.aUser(org, Role.AUDITOR);
    support.publish(org, 2);
    var otherKey = new AuditKey(new byte[32]);
    var properties = new io.capgate.portal.base.PortalProperties(anchors.pathOf(org).getParent().getParent(), 0,
        false);

    new AnchorStore(properties, otherKey, java.time.Clock.systemUTC()).advance(org, 5, ChainRow.GENESIS);

    assertThat(verify(auditor).reason()).isEqualTo(Reason.KEY_MISMATCH);
  }

  @Test
  void rowsAfterAnOlderAnchorThatChainCorrectlyAreOnlyNotYetAnchored() throws Exception {
    long org = fixtures.anOrganization();
    var auditor = fixtures.aUser(org, Role.AUDITOR);
    support.publish(org, 3);
    String anchoredAtThree = Files.readString(anchors.pathOf(org));
    support.publish(org, 2);

    // As after a crash between the commit and the anchor write.
    Files.writeString(anchors.pathOf(org), anchoredAtThree);

    var result = verify(auditor);
    assertThat(result.status()).isEqualTo(Status.WARNING);
    assertThat(result.reason()).isEqualTo(Reason.NOT_YET_ANCHORED);
    assertThat(result.intact()).isTrue();
    assertThat(result.rows()).isEqualTo(5);
    assertThat(result.anchoredSeq()).isEqualTo(3);
  }

  @Test
  void aMissingAnchorIsAWarning() throws Exception {
    long org = fixtures.anOrganization();
    var auditor = fixtures.aUser(org, Role.AUDITOR);
    support.publish(org, 2);

    Files.delete(anchors.pathOf(org));

    var result = verify(auditor);
    assertThat(result.status()).isEqualTo(Status.WARNING);
    assertThat(result.reason()).isEqualTo(Reason.ANCHOR_MISSING);
  }

  @Test
  void checkpointsAreCheckedForTheirSignatureAndTheChainLength() {
    long org = fixtures.anOrganization();
    var auditor = fixtures.aUser(org, Role.AUDITOR);
    support.publish(org, 3);
    var valid = Checkpoint.signed(key, org, 2, hashAt(org, 2), java.time.Instant.parse("2026-01-01T00:00:00Z"));
    insert(valid);
    assertThat(verify(auditor).status()).isEqualTo(Status.VALID);

    insert(new Checkpoint(org, 3, hashAt(org, 3), valid.at(), key.id(), valid.signature()));

    assertBroken(verify(auditor), 3, Reason.CHECKPOINT_TAMPERED);
  }

  @Test
  void theTriggersRefuseUpdateDeleteAndTruncate() {
    long org = fixtures.anOrganization();
    support.publish(org, 1);

    for (String sql : List.of("update audit_log set action = 'x' where organization_id = " + org,
        "delete from audit_log where organization_id = " + org, "truncate audit_log")) {
      assertThatThrownBy(() -> jdbc.sql(sql).update()).isInstanceOf(DataIntegrityViolationException.class)
          .rootCause().hasMessageContaining("append-only");
    }
  }

  @Test
  void anOrganizationSeesAndVerifiesOnlyItsOwnRows() {
    long orgA = fixtures.anOrganization();
    long orgB = fixtures.anOrganization();
    var auditorA = fixtures.aUser(orgA, Role.AUDITOR);
    var adminB = fixtures.aUser(orgB, Role.ORG_ADMIN);
    support.publish(orgA, 2);
    support.publish(orgB, 3);

    // B's broken chain must not affect A's verification, which never reads B's rows.
    support.tamper("delete from audit_log where organization_id = " + orgB + " and seq = 2");

    assertThat(as(auditorA, () -> auditLog.page(AuditFilter.all(), null, 50))).hasSize(2);
    var resultA = verify(auditorA);
    assertThat(resultA.status()).isEqualTo(Status.VALID);
    assertThat(resultA.rows()).isEqualTo(2);
    assertThat(resultA.organizationId()).isEqualTo(orgA);
    assertBroken(verify(adminB), 2, Reason.DELETED);
  }

  @Test
  void readingNeedsOrgAdminOrAuditor() {
    long org = fixtures.anOrganization();
    var developer = fixtures.aUser(org, Role.DEVELOPER, Role.OPERATOR);
    support.publish(org, 1);

    assertThat(as(developer, () -> auditLog.canRead())).isFalse();
    assertThat(as(fixtures.aUser(org, Role.AUDITOR), () -> auditLog.canRead())).isTrue();
    assertThatThrownBy(() -> as(developer, () -> auditLog.page(AuditFilter.all(), null, 10)))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> as(developer, () -> auditLog.verify())).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> auditLog.verify()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
  }

  @Test
  void aSystemActorHasNoUserId() {
    long org = fixtures.anOrganization();
    var auditor = fixtures.aUser(org, Role.AUDITOR);
    new TransactionTemplate(transactions).executeWithoutResult(s -> support.events.publishEvent(
        new io.capgate.portal.audit.AuditEvent(org, io.capgate.portal.audit.AuditEvent.Actor.system("agents"),
            "agent.disconnected", "agent", "a-1", Map.of(), Map.of("reason", "timeout"))));

    var entry = as(auditor, () -> auditLog.page(AuditFilter.all(), null, 1)).getFirst();
    assertThat(entry.actorUserId()).isNull();
    assertThat(entry.actorName()).isEqualTo("system:agents");
    assertThat(entry.before()).isEmpty();
    assertThat(verify(auditor).status()).isEqualTo(Status.VALID);
  }

  private VerificationResult verify(CapgateUser user) {
    return as(user, () -> auditLog.verify());
  }

  private static void assertBroken(VerificationResult result, long seq, Reason reason) {
    assertThat(result.status()).as(result.message()).isEqualTo(Status.BROKEN);
    assertThat(result.reason()).as(result.message()).isEqualTo(reason);
    assertThat(result.firstBrokenSeq()).as(result.message()).isEqualTo(seq);
    assertThat(result.intact()).isFalse();
  }

  private String hashAt(long org, long seq) {
    return jdbc.sql("select hash from audit_log where organization_id = ? and seq = ?").params(org, seq)
        .query(String.class).single();
  }

  private void insert(Checkpoint c) {
    jdbc.sql("insert into audit_checkpoints (organization_id, seq, hash, at, key_id, signature) values (?,?,?,?,?,?)")
        .params(c.organizationId(), c.seq(), c.hash(), AuditAppender.timestamp(c.at()), c.keyId(), c.signature())
        .update();
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
