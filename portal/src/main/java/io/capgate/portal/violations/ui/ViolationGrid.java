package io.capgate.portal.violations.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.renderer.LitRenderer;
import io.capgate.model.protocol.StackFrame;
import io.capgate.portal.base.ui.Badges;
import io.capgate.portal.violations.StoredViolation;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/**
 * Violations newest first: time, service, host, module, syscall and action; a click opens the row's Python stack.
 * Every time cell carries {@code data-violation-id} (the portal's id) and {@code data-violation-key}
 * ({@code agentId:sequence}, what the agent itself knows), so a browser test or a latency probe can wait for one
 * specific violation to arrive.
 */
final class ViolationGrid extends Grid<StoredViolation> {

  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  ViolationGrid() {
    super(StoredViolation.class, false);
    setId("violations-grid");
    addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
    addColumn(LitRenderer.<StoredViolation>of("""
            <span class="violation-row" data-violation-id="${item.id}" data-violation-key="${item.key}"\
            >${item.time}</span>""")
        .withProperty("id", StoredViolation::id)
        .withProperty("key", StoredViolation::key)
        .withProperty("time", v -> TIME.format(v.at())))
        .setHeader("Time (UTC)").setAutoWidth(true).setFlexGrow(0);
    addColumn(StoredViolation::serviceName).setHeader("Service").setAutoWidth(true);
    addColumn(StoredViolation::host).setHeader("Host").setAutoWidth(true);
    addColumn(StoredViolation::module).setHeader("Module").setAutoWidth(true);
    addColumn(StoredViolation::syscall).setHeader("Syscall").setAutoWidth(true);
    addComponentColumn(v -> actionBadge(v.action())).setHeader("Action").setAutoWidth(true).setFlexGrow(0);
    setItemDetailsRenderer(new ComponentRenderer<>(ViolationGrid::details));
    setDetailsVisibleOnClick(true);
  }

  static Span actionBadge(String action) {
    return switch (action) {
      case "KILLED", "STOPPED" -> Badges.badge(action, "error");
      case "ACTION_FAILED" -> Badges.badge(action, "error", "primary");
      case "ALERTED" -> Badges.badge(action, "contrast");
      default -> Badges.badge(action);
    };
  }

  /** The stack innermost first, as a Python traceback reads bottom-up, and what the agent added. */
  static Div details(StoredViolation violation) {
    var stack = new Pre(violation.stack().isEmpty() ? "(no Python stack was captured)"
        : violation.stack().stream().map(ViolationGrid::frame).collect(Collectors.joining("\n")));
    stack.addClassName("violation-stack");
    var facts = new Span("pid " + violation.pid() + ", tid " + violation.tid() + ", syscall " + violation.syscall()
        + " (" + violation.syscallNumber() + "), agent " + violation.agentId() + " sequence " + violation.sequence());
    var details = new Div(facts, stack);
    if (!violation.detail().isBlank()) {
      var detail = new Pre(violation.detail());
      detail.addClassName("violation-detail");
      details.add(detail);
    }
    details.setId("violation-details-" + violation.id());
    return details;
  }

  private static String frame(StackFrame frame) {
    return frame.file() + ":" + frame.line() + " in " + frame.function();
  }
}
