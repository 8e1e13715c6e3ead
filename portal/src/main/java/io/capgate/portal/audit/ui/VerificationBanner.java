package io.capgate.portal.audit.ui;

import com.vaadin.flow.component.html.Div;
import io.capgate.portal.audit.VerificationResult;

/**
 * The outcome of "Verify chain": green with the row count and head, amber when intact but not all
 * anchored, red with the first broken seq and the reason. {@code data-status} carries the status
 * for browser tests.
 */
final class VerificationBanner extends Div {

  VerificationBanner() {
    setId("audit-verify-result");
    setVisible(false);
    getStyle().set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
        .set("border-radius", "var(--lumo-border-radius-m)").set("font-weight", "500");
  }

  void show(VerificationResult result) {
    setText(describe(result));
    String color = switch (result.status()) {
      case VALID -> "success";
      case WARNING -> "warning";
      case BROKEN -> "error";
    };
    getStyle().set("background", "var(--lumo-" + color + "-color-10pct)")
        .set("color", "var(--lumo-" + color + "-text-color)");
    getElement().setAttribute("data-status", result.status().name());
    setVisible(true);
  }

  static String describe(VerificationResult result) {
    return switch (result.status()) {
      case VALID -> "Chain verified: " + result.rows() + " rows intact, head seq " + result.headSeq()
          + (result.headHash() == null ? "" : " (" + result.headHash().substring(0, 12) + "…)") + ".";
      case WARNING -> "Chain verified, with a warning (" + result.reason() + "): " + result.message();
      case BROKEN -> "Chain broken" + (result.firstBrokenSeq() == null ? "" : " at seq " + result.firstBrokenSeq())
          + " (" + result.reason() + "): " + result.message();
    };
  }
}
