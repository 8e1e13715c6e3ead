package io.capgate.portal.traces.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import io.capgate.portal.base.ui.Badges;
import io.capgate.portal.base.ui.Formats;
import io.capgate.portal.traces.ManifestGap;
import io.capgate.portal.traces.ModuleActivity;
import io.capgate.portal.traces.ObservationSummary;
import io.capgate.portal.traces.ObservedBehaviour;
import java.util.stream.Collectors;

/**
 * The parts of the trace review page, each built from an {@link ObservedBehaviour}. Element ids: {@code
 * traces-completeness} (class {@code incomplete} when agents lost data), {@code traces-modules},
 * {@code traces-module-<module>}, {@code traces-not-allowed} (entries with class {@code gap-risky} when risky),
 * {@code traces-never-observed}, {@code traces-draft-diff}, {@code traces-draft-problem}.
 */
final class BehaviourPanels {

  private BehaviourPanels() {}

  /** Incomplete data must be visible: what the agents reported they lost, or that they reported nothing lost. */
  static Component completeness(ObservedBehaviour review) {
    var banner = new Div();
    banner.setId("traces-completeness");
    if (review.incomplete()) {
      banner.addClassName("incomplete");
      banner.add(Badges.badge("incomplete", "error", "primary"), new Span(String.format(
          "Agents lost data in this range: %,d observation records and %,d violations dropped, %,d kernel events "
              + "lost. What is shown below may be missing behaviour.", review.observationsDropped(),
          review.violationsDropped(), review.kernelEventsLost())));
      review.drops().forEach(d -> banner.add(new Div(new Span(d.agentId() + ": " + Formats.dateTime(d.from())
          + " – " + Formats.dateTime(d.to()) + ", " + d.observationsDropped() + " observations, "
          + d.violationsDropped() + " violations dropped, " + d.kernelEventsLost() + " kernel events lost"))));
    } else {
      banner.add(Badges.badge("complete", "success"),
          new Span("No agent reported lost data in this range."));
    }
    return banner;
  }

  static Component modules(ObservedBehaviour review) {
    var modules = new Div();
    modules.setId("traces-modules");
    modules.setWidthFull();
    if (review.modules().isEmpty()) {
      modules.add(new Paragraph("Nothing was observed in this range."));
    }
    review.modules().forEach(m -> modules.add(module(m)));
    return modules;
  }

  private static Component module(ModuleActivity module) {
    var title = new H4(module.module());
    title.getStyle().set("margin", "0");
    var summary = new Span(String.format("%,d events, first seen %s, last seen %s", module.total(),
        Formats.dateTime(module.firstSeen()), Formats.dateTime(module.lastSeen())));
    var grid = new Grid<ObservationSummary>(ObservationSummary.class, false);
    grid.addThemeVariants(GridVariant.LUMO_COMPACT);
    grid.addColumn(ObservationSummary::syscall).setHeader("Syscall").setAutoWidth(true);
    grid.addColumn(r -> r.program() == null ? "" : r.program()).setHeader("Program").setAutoWidth(true);
    grid.addColumn(r -> String.format("%,d", r.count())).setHeader("Count").setAutoWidth(true);
    grid.addColumn(r -> Formats.dateTime(r.firstSeen())).setHeader("First seen").setAutoWidth(true);
    grid.addColumn(r -> Formats.dateTime(r.lastSeen())).setHeader("Last seen").setAutoWidth(true);
    grid.setItems(module.syscalls());
    grid.setAllRowsVisible(true);
    var card = card("traces-module-" + module.module(), title, summary, grid);
    if (!module.exec().isEmpty()) {
      card.add(new Div(new Span("Programs executed: " + module.exec().entrySet().stream()
          .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", ")))));
    }
    if (!module.sampleStack().isEmpty()) {
      var stack = new Pre(module.sampleStack().stream().map(f -> f.file() + ":" + f.line() + " in " + f.function())
          .collect(Collectors.joining("\n")));
      var details = new Details("Sample stack", stack);
      details.addClassName("traces-sample-stack");
      card.add(details);
    }
    return card;
  }

  static Component gap(ObservedBehaviour review) {
    var notAllowed = new Div();
    notAllowed.setId("traces-not-allowed");
    notAllowed.add(label("Observed but not allowed"));
    if (review.gap().risky()) {
      notAllowed.add(Badges.risky());
    }
    if (review.gap().notAllowed().isEmpty()) {
      notAllowed.add(new Span("nothing: the manifest allows everything observed"));
    }
    review.gap().notAllowed().forEach(n -> notAllowed.add(notAllowed(n)));
    var never = new Div();
    never.setId("traces-never-observed");
    never.add(label("Allowed but never observed"));
    if (review.gap().neverObserved().isEmpty()) {
      never.add(new Span("nothing"));
    }
    review.gap().neverObserved().forEach(n -> never.add(chip(n.module() + ": " + prefix(n.kind()) + n.name(),
        "gap-unused", "var(--lumo-contrast-10pct)", "var(--lumo-body-text-color)")));
    return new Div(notAllowed, never);
  }

  private static Component notAllowed(ManifestGap.NotAllowed entry) {
    String text = entry.module() + ": " + prefix(entry.kind()) + entry.name()
        + (entry.group().isEmpty() ? "" : " (" + entry.group() + ")") + " ×" + entry.count();
    if (!entry.risky()) {
      return chip(text, "gap-not-allowed", "var(--lumo-primary-color-10pct)", "var(--lumo-primary-text-color)");
    }
    var chip = chip(text, "gap-risky", "var(--lumo-error-color)", "var(--lumo-error-contrast-color)");
    chip.addClassName("gap-not-allowed");
    return new Span(chip, Badges.risky());
  }

  static Component draft(ObservedBehaviour review) {
    if (review.draft().isEmpty()) {
      var problem = new Paragraph(review.draftProblem());
      problem.setId("traces-draft-problem");
      return problem;
    }
    var diff = new Pre(review.draftDiff().map(d -> d.toText()).orElse(""));
    diff.setId("traces-draft-diff");
    var explanation = new Paragraph(review.active().isPresent()
        ? "The draft is the active version plus what it does not allow yet (capgate build's rules); nothing is "
            + "removed. It opens as a new draft version, to be submitted for approval."
        : "The draft is what capgate build makes of these observations. It opens as a new draft version, to be "
            + "submitted for approval.");
    return new Div(explanation, diff);
  }

  private static String prefix(String kind) {
    return switch (kind) {
      case "syscall" -> "syscall ";
      case "exec" -> "exec ";
      default -> "";
    };
  }

  private static Span label(String text) {
    var label = new Span(text);
    label.getStyle().set("font-weight", "600").set("display", "block").set("margin", "var(--lumo-space-s) 0");
    return label;
  }

  private static Span chip(String text, String className, String background, String color) {
    var chip = new Span(text);
    chip.addClassNames("gap-entry", className);
    chip.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
        .set("font-size", "var(--lumo-font-size-s)").set("padding", "0 var(--lumo-space-xs)")
        .set("margin", "0 var(--lumo-space-xs) var(--lumo-space-xs) 0")
        .set("border-radius", "var(--lumo-border-radius-s)").set("display", "inline-block")
        .set("background", background).set("color", color);
    return chip;
  }

  private static Div card(String id, Component... content) {
    var card = new Div(content);
    card.setId(id);
    card.getStyle().set("border", "1px solid var(--lumo-contrast-10pct)")
        .set("border-radius", "var(--lumo-border-radius-m)").set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
        .set("margin-bottom", "var(--lumo-space-s)").set("box-sizing", "border-box").set("width", "100%");
    return card;
  }
}
