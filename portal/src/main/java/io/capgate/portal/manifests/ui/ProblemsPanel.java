package io.capgate.portal.manifests.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import io.capgate.model.manifest.ManifestProblem;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The editor's feedback, drawn on the server since Vaadin has no free code editor: a status line,
 * the problems as "line L, column C: message", and a line-numbered copy of the text with the lines
 * that have problems highlighted (their messages as tooltip).
 *
 * <p>Element ids: {@code editor-status}, {@code editor-problems} (one list item per problem),
 * {@code editor-preview}, {@code editor-line-<n>} (class {@code editor-line-error} on lines with problems).
 */
class ProblemsPanel {

  /** Lines drawn in the preview; problems further down are still listed. */
  static final int MAX_PREVIEW_LINES = 2000;

  private final Span status = new Span();
  private final UnorderedList list = new UnorderedList();
  private final Div preview = new Div();

  ProblemsPanel() {
    status.setId("editor-status");
    list.setId("editor-problems");
    list.getStyle().set("margin", "0").set("padding-left", "var(--lumo-space-m)")
        .set("font-size", "var(--lumo-font-size-s)");
    preview.setId("editor-preview");
    preview.setWidthFull();
    preview.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
        .set("font-size", "var(--lumo-font-size-s)").set("overflow", "auto").set("max-height", "60vh")
        .set("border", "1px solid var(--lumo-contrast-10pct)").set("border-radius", "var(--lumo-border-radius-m)");
  }

  Span status() {
    return status;
  }

  UnorderedList list() {
    return list;
  }

  Div preview() {
    return preview;
  }

  /** Shows {@code problems} of {@code text}; no problems means the text is a valid manifest. */
  void show(String text, List<ManifestProblem> problems) {
    status.setText(problems.isEmpty() ? "Valid manifest"
        : ManifestEditorView.problemCount(problems) + " — the manifest cannot be saved as it is");
    status.getStyle().set("color", problems.isEmpty() ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)")
        .set("font-weight", "600");
    list.removeAll();
    problems.forEach(p -> list.add(new ListItem(describe(p))));
    if (problems.isEmpty()) {
      list.add(new ListItem("No problems"));
    }
    drawPreview(text, problems.stream().collect(Collectors.groupingBy(ManifestProblem::line, TreeMap::new,
        Collectors.mapping(ProblemsPanel::describe, Collectors.joining("\n")))));
  }

  static String describe(ManifestProblem problem) {
    return "line " + problem.line() + ", column " + problem.column() + ": " + problem.message();
  }

  private void drawPreview(String text, Map<Integer, String> messagesByLine) {
    preview.removeAll();
    String[] lines = text.split("\n", -1);
    int shown = Math.min(lines.length, MAX_PREVIEW_LINES);
    for (int i = 0; i < shown; i++) {
      preview.add(line(i + 1, lines[i], messagesByLine.get(i + 1)));
    }
    if (lines.length > shown) {
      preview.add(new Div(new Span("… " + (lines.length - shown) + " more lines not shown")));
    }
  }

  private static Div line(int number, String content, String messages) {
    var numberCell = new Span(Integer.toString(number));
    numberCell.getStyle().set("display", "inline-block").set("width", "3.5em").set("text-align", "right")
        .set("padding-right", "var(--lumo-space-s)").set("color", "var(--lumo-secondary-text-color)")
        .set("user-select", "none");
    var textCell = new Span(content.stripTrailing());
    textCell.getStyle().set("white-space", "pre");
    var line = new Div(numberCell, textCell);
    line.setId("editor-line-" + number);
    line.getStyle().set("white-space", "nowrap");
    if (messages != null) {
      line.addClassName("editor-line-error");
      line.getElement().setAttribute("title", messages);
      line.getStyle().set("background", "var(--lumo-error-color-10pct)")
          .set("box-shadow", "inset 3px 0 0 var(--lumo-error-color)");
    }
    return line;
  }
}
