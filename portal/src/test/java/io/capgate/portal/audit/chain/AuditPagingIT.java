package io.capgate.portal.audit.chain;

import static io.capgate.portal.testing.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.portal.audit.AuditEntry;
import io.capgate.portal.audit.AuditEvent;
import io.capgate.portal.audit.AuditEvent.Actor;
import io.capgate.portal.audit.AuditFilter;
import io.capgate.portal.audit.AuditLog;
import io.capgate.portal.security.CapgateUser;
import io.capgate.portal.security.Role;
import io.capgate.portal.testing.Fixtures;
import io.capgate.portal.testing.PortalTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Keyset pages return every matching row once, newest first, across page boundaries. */
@PortalTest
@Import(AuditTestSupport.class)
class AuditPagingIT {

  @Autowired AuditLog auditLog;
  @Autowired Fixtures fixtures;
  @Autowired AuditTestSupport support;
  @Autowired PlatformTransactionManager transactions;

  private CapgateUser auditor;

  /** 120 rows: every third a manifest submitted by bob, the others project updates by alice. */
  @BeforeEach
  void aLogOf120Rows() {
    long org = fixtures.anOrganization();
    auditor = fixtures.aUser(org, Role.AUDITOR);
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      for (int i = 1; i <= 120; i++) {
        support.events.publishEvent(i % 3 == 0
            ? new AuditEvent(org, Actor.user(2, "bob"), "manifest.submitted", "manifest_version", "m" + i, Map.of(),
                Map.of("state", "IN_REVIEW"))
            : new AuditEvent(org, Actor.user(1, "alice"), "project.updated", "project", "p1", Map.of("n", i - 1),
                Map.of("n", i)));
      }
    });
  }

  @Test
  void keysetPagesCoverEveryRowOnceNewestFirst() {
    var pages = pagesOf(AuditFilter.all(), 50);

    assertThat(pages).hasSize(3);
    assertThat(pages.get(0)).first().isEqualTo(120L);
    assertThat(pages.get(0)).last().isEqualTo(71L);
    assertThat(pages.get(1)).first().isEqualTo(70L);
    assertThat(pages.get(2)).hasSize(20).last().isEqualTo(1L);
    assertThat(pages.stream().flatMap(List::stream).toList())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 120).map(i -> 121 - i).boxed().toList());
  }

  @Test
  void filteredKeysetPagesStayFilteredAcrossBoundaries() {
    var seqs = pagesOf(AuditFilter.all().withActionPrefix("manifest."), 15).stream().flatMap(List::stream).toList();

    assertThat(seqs).hasSize(40).doesNotHaveDuplicates().allMatch(seq -> seq % 3 == 0);
    assertThat(seqs).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(page(AuditFilter.all().withActor("BOB"), null, 0, 100)).hasSize(40)
        .allMatch(e -> e.actorName().equals("user:bob"));
    assertThat(page(AuditFilter.all().withObject("manifest_version", "m30"), null, 0, 10))
        .extracting(AuditEntry::seq).containsExactly(30L);
    assertThat(page(AuditFilter.all().withObject("project", null).withActionPrefix("project.upd"), null, 0, 500))
        .hasSize(80);
  }

  @Test
  void aTimeRangeKeepsTheRowsInsideIt() {
    var all = page(AuditFilter.all(), null, 0, 500);
    var from = all.stream().filter(e -> e.seq() == 50).findFirst().orElseThrow().at();
    var to = all.stream().filter(e -> e.seq() == 60).findFirst().orElseThrow().at();
    var expected = all.stream().filter(e -> !e.at().isBefore(from) && e.at().isBefore(to)).map(AuditEntry::seq)
        .toList();

    assertThat(page(AuditFilter.all().withRange(from, to), null, 0, 500)).extracting(AuditEntry::seq)
        .containsExactlyElementsOf(expected).contains(50L).doesNotContain(60L);
  }

  @Test
  void skipJumpsWithinTheCursorAndLimitsAreChecked() {
    assertThat(page(AuditFilter.all(), null, 10, 5)).extracting(AuditEntry::seq)
        .containsExactly(110L, 109L, 108L, 107L, 106L);
    assertThat(page(AuditFilter.all(), 100L, 2, 3)).extracting(AuditEntry::seq).containsExactly(97L, 96L, 95L);
    assertThatThrownBy(() -> page(AuditFilter.all(), null, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> page(AuditFilter.all(), null, 0, AuditLog.MAX_PAGE_SIZE + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private List<List<Long>> pagesOf(AuditFilter filter, int size) {
    var pages = new ArrayList<List<Long>>();
    Long before = null;
    while (true) {
      var page = page(filter, before, 0, size);
      if (page.isEmpty()) {
        return pages;
      }
      pages.add(page.stream().map(AuditEntry::seq).toList());
      before = page.getLast().seq();
    }
  }

  private List<AuditEntry> page(AuditFilter filter, Long before, int skip, int limit) {
    return as(auditor, () -> auditLog.page(filter, before, skip, limit));
  }
}
