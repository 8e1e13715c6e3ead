package io.capgate.portal.audit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.portal.audit.AuditEntry;
import io.capgate.portal.audit.AuditFilter;
import io.capgate.portal.audit.AuditLog;
import org.junit.jupiter.api.Test;

class KeysetPagerTest {

  private final FakeAuditLog log = new FakeAuditLog(1200);
  private final KeysetPager pager = new KeysetPager(log);

  @Test
  void scrollingOnUsesTheLastSeqOfThePreviousPage() {
    assertThat(pager.fetch(0, 50)).extracting(AuditEntry::seq).startsWith(1200L).endsWith(1151L);
    assertThat(pager.fetch(50, 50)).extracting(AuditEntry::seq).startsWith(1150L).endsWith(1101L);

    assertThat(log.requests.getLast()).isEqualTo(new FakeAuditLog.Request(AuditFilter.all(), 1151L, 0, 50));
  }

  @Test
  void aJumpSkipsFromTheNearestKnownRow() {
    pager.fetch(0, 50);

    assertThat(pager.fetch(200, 10)).extracting(AuditEntry::seq).startsWith(1000L);
    assertThat(log.requests.getLast()).isEqualTo(new FakeAuditLog.Request(AuditFilter.all(), 1151L, 150, 10));
  }

  @Test
  void largeRequestsAreSplitIntoAllowedPagesAndStopAtTheEnd() {
    assertThat(pager.fetch(0, 1500)).hasSize(1200);
    assertThat(log.requests).allMatch(r -> r.limit() <= AuditLog.MAX_PAGE_SIZE);
  }

  @Test
  void aNewFilterForgetsTheKnownRows() {
    pager.fetch(0, 50);

    pager.filter(AuditFilter.all().withActionPrefix("manifest."));

    assertThat(pager.fetch(0, 5)).extracting(AuditEntry::seq).containsExactly(1200L, 1198L, 1196L, 1194L, 1192L);
    assertThat(log.requests.getLast().beforeSeq()).isNull();
  }
}
