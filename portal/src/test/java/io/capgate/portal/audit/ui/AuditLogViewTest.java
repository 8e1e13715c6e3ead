package io.capgate.portal.audit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.ViewPackages;
import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import io.capgate.portal.audit.AuditEntry;
import io.capgate.portal.audit.VerificationResult;
import io.capgate.portal.audit.VerificationResult.Reason;
import io.capgate.portal.audit.VerificationResult.Status;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The view on an in-memory audit log, without Spring. */
@ViewPackages(classes = AuditLogView.class)
class AuditLogViewTest extends BrowserlessTest {

  private final FakeAuditLog log = new FakeAuditLog(120);

  private AuditLogView open() {
    var view = new AuditLogView(log);
    UI.getCurrent().add(view);
    return view;
  }

  @Test
  void theGridShowsTheNewestRowsFirstWithBeforeAndAfter() {
    var view = open();

    assertThat(test(view.grid).getRow(0).seq()).isEqualTo(120);
    assertThat(test(view.grid).getCellText(0, 5)).isEqualTo("{\"n\":119}");
    assertThat(test(view.grid).getCellText(0, 6)).isEqualTo("{\"n\":120}");
    assertThat(view.grid.getLazyDataView().getItems().map(AuditEntry::seq).toList()).hasSize(120).last()
        .isEqualTo(1L);
  }

  @Test
  void typingAnActionPrefixFiltersTheGrid() {
    var view = open();

    test(view.action).setValue("manifest.");

    assertThat(view.grid.getLazyDataView().getItems().toList()).hasSize(60)
        .allMatch(e -> e.action().startsWith("manifest."));
    assertThat(log.requests.getLast().filter().actionPrefix()).isEqualTo("manifest.");
  }

  @Test
  void anEmptyTimeRangeMarksTheToField() {
    var view = open();

    test(view.from).setValue(LocalDateTime.of(2026, 11, 2, 0, 0));
    test(view.to).setValue(LocalDateTime.of(2026, 11, 1, 0, 0));

    assertThat(view.to.isInvalid()).isTrue();
    assertThat(view.to.getErrorMessage()).contains("before");
  }

  @Test
  void verifyShowsAValidChainInGreenWithRowsAndHead() {
    var view = open();
    log.result = new VerificationResult(Status.VALID, 1, 120, 120, "ab".repeat(32), 120, null, null, "ok",
        Instant.now());

    test(view.verify).click();

    assertThat(view.verifyResult.isVisible()).isTrue();
    assertThat(view.verifyResult.getText()).contains("Chain verified", "120 rows", "head seq 120", "abababababab");
    assertThat(view.verifyResult.getElement().getAttribute("data-status")).isEqualTo("VALID");
    assertThat(view.verifyResult.getStyle().get("color")).contains("success");
  }

  @Test
  void verifyShowsABrokenChainInRedWithTheSeqAndReason() {
    var view = open();
    log.result = new VerificationResult(Status.BROKEN, 1, 2, 2, "cd".repeat(32), 5, 3L, Reason.EDITED,
        "Row 3 does not match its hash: it was edited", Instant.now());

    test(view.verify).click();

    assertThat(view.verifyResult.getText()).contains("Chain broken at seq 3", "EDITED", "it was edited")
        .doesNotContainIgnoringCase("verified");
    assertThat(view.verifyResult.getElement().getAttribute("data-status")).isEqualTo("BROKEN");
    assertThat(view.verifyResult.getStyle().get("color")).contains("error");
  }

  @Test
  void usersWhoCannotReadTheLogAreToldWhy() {
    log.readable = false;

    var view = open();

    assertThat(view.grid.isAttached()).isFalse();
    assertThat(view.verify.isAttached()).isFalse();
    assertThat(view.getChildren().filter(Paragraph.class::isInstance).map(Paragraph.class::cast)
        .filter(p -> p.getId().orElse("").equals("audit-denied")).findFirst().orElseThrow().getText())
        .contains("ORG_ADMIN", "AUDITOR");
    assertThat(log.requests).isEmpty();
  }
}
