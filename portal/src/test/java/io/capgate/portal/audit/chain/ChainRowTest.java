package io.capgate.portal.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChainRowTest {

  private static final AuditKey KEY = new AuditKey("0123456789abcdef0123456789abcdef".getBytes());
  private static final Instant AT = Instant.parse("2026-11-25T10:15:30.123456Z");

  private static ChainRow row(String actorName, String action) {
    return new ChainRow(1, 5, AT, 7L, actorName, action, "project", "p1", "{}", "{\"a\":1}", ChainRow.GENESIS);
  }

  @Test
  void theSameFieldsGiveTheSameHash() {
    assertThat(row("user:alice", "project.updated").hash(KEY.rowMac()))
        .isEqualTo(row("user:alice", "project.updated").hash(KEY.rowMac()))
        .matches("[0-9a-f]{64}");
  }

  @Test
  void movingTextBetweenFieldsChangesTheHash() {
    assertThat(row("user:alice", "project.updated").hash(KEY.rowMac()))
        .isNotEqualTo(row("user:alicep", "roject.updated").hash(KEY.rowMac()));
  }

  @Test
  void everyFieldIsCovered() {
    var base = row("user:alice", "x");
    String hash = base.hash(KEY.rowMac());
    var variants = new ChainRow[] {
        new ChainRow(2, 5, AT, 7L, "user:alice", "x", "project", "p1", "{}", "{\"a\":1}", ChainRow.GENESIS),
        new ChainRow(1, 6, AT, 7L, "user:alice", "x", "project", "p1", "{}", "{\"a\":1}", ChainRow.GENESIS),
        new ChainRow(1, 5, AT.plusNanos(1000), 7L, "user:alice", "x", "project", "p1", "{}", "{\"a\":1}",
            ChainRow.GENESIS),
        new ChainRow(1, 5, AT, null, "user:alice", "x", "project", "p1", "{}", "{\"a\":1}", ChainRow.GENESIS),
        new ChainRow(1, 5, AT, 7L, "user:alice", "x", "service", "p1", "{}", "{\"a\":1}", ChainRow.GENESIS),
        new ChainRow(1, 5, AT, 7L, "user:alice", "x", "project", "p2", "{}", "{\"a\":1}", ChainRow.GENESIS),
        new ChainRow(1, 5, AT, 7L, "user:alice", "x", "project", "p1", "{\"a\":1}", "{}", ChainRow.GENESIS),
        new ChainRow(1, 5, AT, 7L, "user:alice", "x", "project", "p1", "{}", "{\"a\":1}", "1".repeat(64))};
    for (var variant : variants) {
      assertThat(variant.hash(KEY.rowMac())).as(variant.toString()).isNotEqualTo(hash);
    }
  }

  @Test
  void anotherKeyGivesAnotherHash() {
    var other = new AuditKey("another key of thirty-two bytes!".getBytes());
    assertThat(row("a", "b").hash(other.rowMac())).isNotEqualTo(row("a", "b").hash(KEY.rowMac()));
    assertThat(other.id()).isNotEqualTo(KEY.id());
  }

  @Test
  void storedInstantsKeepMicroseconds() {
    assertThat(ChainRow.storable(Instant.parse("2026-01-01T00:00:00.123456789Z")))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
  }
}
