package io.capgate.portal.manifests.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.capgate.portal.base.ui.Badges;
import java.util.Collection;

/**
 * How manifest entries (capability groups, syscalls, exec paths) look: monospace chips, green when
 * added, red and struck through when removed, filled red with a "risky" badge for risky additions.
 * Class names ({@code diff-added}, {@code diff-removed}, {@code diff-risky}) let tests find them.
 */
final class Entries {

  enum Mark { NONE, ADDED, REMOVED, RISKY }

  private Entries() {}

  static Component entry(String name, Mark mark) {
    var chip = new Span(switch (mark) {
      case ADDED, RISKY -> "+ " + name;
      case REMOVED -> "− " + name;
      case NONE -> name;
    });
    chip.addClassName("diff-entry");
    chip.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
        .set("font-size", "var(--lumo-font-size-s)").set("padding", "0 var(--lumo-space-xs)")
        .set("margin", "0 var(--lumo-space-xs) var(--lumo-space-xs) 0").set("border-radius", "var(--lumo-border-radius-s)")
        .set("display", "inline-block");
    switch (mark) {
      case ADDED -> {
        chip.addClassName("diff-added");
        chip.getStyle().set("background", "var(--lumo-success-color-10pct)").set("color", "var(--lumo-success-text-color)");
      }
      case REMOVED -> {
        chip.addClassName("diff-removed");
        chip.getStyle().set("background", "var(--lumo-error-color-10pct)").set("color", "var(--lumo-error-text-color)")
            .set("text-decoration", "line-through");
      }
      case RISKY -> {
        chip.addClassName("diff-added");
        chip.addClassName("diff-risky");
        chip.getStyle().set("background", "var(--lumo-error-color)").set("color", "var(--lumo-error-contrast-color)")
            .set("font-weight", "700");
      }
      case NONE -> chip.getStyle().set("background", "var(--lumo-contrast-5pct)");
    }
    if (mark != Mark.RISKY) {
      return chip;
    }
    var risky = new Span(chip, Badges.risky());
    risky.getStyle().set("display", "inline-block");
    return risky;
  }

  /** A labelled row: "Capabilities" and its chips, or a dash when there are none. */
  static Div row(String label, Collection<? extends Component> chips) {
    var title = new Span(label);
    title.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)")
        .set("display", "inline-block").set("min-width", "7.5em");
    var row = new Div(title);
    if (chips.isEmpty()) {
      row.add(new Span("—"));
    } else {
      chips.forEach(row::add);
    }
    row.getStyle().set("margin-bottom", "var(--lumo-space-xs)");
    return row;
  }

  /** A card around one module's content. */
  static Div card(String id, Component... content) {
    var card = new Div(content);
    card.setId(id);
    card.getStyle().set("border", "1px solid var(--lumo-contrast-10pct)").set("border-radius", "var(--lumo-border-radius-m)")
        .set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("margin-bottom", "var(--lumo-space-s)")
        .set("box-sizing", "border-box").set("width", "100%");
    return card;
  }
}
