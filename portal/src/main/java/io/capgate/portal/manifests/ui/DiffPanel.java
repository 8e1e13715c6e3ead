package io.capgate.portal.manifests.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestDiff;
import io.capgate.model.manifest.ManifestDiff.Change;
import io.capgate.model.manifest.ManifestDiff.PolicyChange;
import io.capgate.model.manifest.ManifestDiff.Status;
import io.capgate.model.manifest.ModulePolicy;
import io.capgate.portal.base.ui.Badges;
import io.capgate.portal.manifests.ui.Entries.Mark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Two manifests side by side, per module: the old one on the left with removed entries in red, the
 * new one on the right with added entries in green and risky additions filled red with a "risky"
 * badge. Modules without a change are collapsed into one closed {@link Details}.
 *
 * <p>Element ids: {@code diff-summary}, {@code diff-fields}, {@code diff-module-<module>} (a changed
 * module, {@code diff-module-(defaults)} for the defaults), inside it {@code diff-added-<module>} and
 * {@code diff-removed-<module>} (the entries added and removed), {@code diff-left-<module>} and
 * {@code diff-right-<module>} (the two sides); {@code diff-unchanged} (the collapsed rest).
 * Module names are used as they are, e.g. {@code diff-module-payments.worker}.
 */
class DiffPanel extends VerticalLayout {

  private static final Map<String, Function<ModulePolicy, SortedSet<String>>> KINDS = Map.of(
      ManifestDiff.CAPABILITY, ModulePolicy::capabilities,
      ManifestDiff.SYSCALL, ModulePolicy::syscalls,
      ManifestDiff.EXEC, ModulePolicy::exec);
  private static final List<String> KIND_ORDER = List.of(ManifestDiff.CAPABILITY, ManifestDiff.SYSCALL, ManifestDiff.EXEC);
  private static final Map<String, String> KIND_LABELS = Map.of(
      ManifestDiff.CAPABILITY, "Capabilities", ManifestDiff.SYSCALL, "Syscalls", ManifestDiff.EXEC, "Exec");

  private final Manifest from;
  private final Manifest to;
  private final String fromLabel;
  private final String toLabel;

  /**
   * @param from the old manifest, or null when there is none (everything is added)
   * @param fromLabel what the left column is, e.g. "v3 (active)"
   */
  DiffPanel(Manifest from, String fromLabel, Manifest to, String toLabel, ManifestDiff diff) {
    this.from = from;
    this.to = to;
    this.fromLabel = fromLabel;
    this.toLabel = toLabel;
    setPadding(false);
    setSpacing(false);
    add(createSummary(diff));
    if (!diff.fields().isEmpty()) {
      add(createFields(diff));
    }
    if (diff.defaults().status() != Status.UNCHANGED) {
      add(createModule(diff.defaults()));
    }
    var unchanged = new ArrayList<PolicyChange>();
    for (PolicyChange module : diff.modules()) {
      if (module.status() == Status.UNCHANGED) {
        unchanged.add(module);
      } else {
        add(createModule(module));
      }
    }
    if (!unchanged.isEmpty()) {
      add(createUnchanged(unchanged));
    }
  }

  private Component createSummary(ManifestDiff diff) {
    var text = new Span(DiffSummary.of(diff));
    text.setId("diff-summary");
    text.getStyle().set("font-weight", "600");
    var summary = new Div(text);
    if (diff.risky()) {
      summary.addComponentAsFirst(Badges.risky());
    }
    summary.getStyle().set("margin-bottom", "var(--lumo-space-s)");
    return summary;
  }

  private Component createFields(ManifestDiff diff) {
    var fields = new Div();
    fields.setId("diff-fields");
    diff.fields().forEach(f -> fields.add(Entries.row(f.field(),
        List.of(Entries.entry(f.oldValue(), Mark.REMOVED), Entries.entry(f.newValue(), Mark.ADDED)))));
    return fields;
  }

  private Component createModule(PolicyChange module) {
    String name = module.module();
    var title = new H4(name.equals(PolicyChange.DEFAULTS) ? "Defaults" : name);
    title.getStyle().set("margin", "0 var(--lumo-space-s) 0 0").set("display", "inline-block");
    var header = new Div(title, statusBadge(module.status()));
    if (module.risky()) {
      header.add(Badges.risky());
    }
    var added = changesRow("Added", module, true);
    added.setId("diff-added-" + name);
    var removed = changesRow("Removed", module, false);
    removed.setId("diff-removed-" + name);
    var left = side("diff-left-" + name, fromLabel, from == null ? null : policy(from, name), module, false);
    var right = side("diff-right-" + name, toLabel, policy(to, name), module, true);
    var columns = new Div(left, right);
    columns.getStyle().set("display", "grid").set("grid-template-columns", "1fr 1fr").set("gap", "var(--lumo-space-m)");
    return Entries.card("diff-module-" + name, header, added, removed, columns);
  }

  private static Span statusBadge(Status status) {
    return switch (status) {
      case ADDED -> Badges.badge("new module", "success");
      case REMOVED -> Badges.badge("removed module", "error");
      default -> Badges.badge("changed", "contrast");
    };
  }

  private static Div changesRow(String label, PolicyChange module, boolean added) {
    var chips = module.changes().stream().filter(c -> c.added() == added)
        .map(c -> Entries.entry(kindPrefix(c) + c.name(), mark(c))).toList();
    return Entries.row(label, chips);
  }

  /** One column: every entry of the module on that side, with this side's changes marked. */
  private static Div side(String id, String label, ModulePolicy policy, PolicyChange module, boolean newSide) {
    var caption = new Span(label);
    caption.getStyle().set("font-size", "var(--lumo-font-size-s)").set("font-weight", "600");
    var column = new Div(caption);
    column.setId(id);
    if (policy == null) {
      column.add(new Div(new Span("not in this version")));
      return column;
    }
    var changes = module.changes().stream().filter(c -> c.added() == newSide)
        .collect(Collectors.toMap(c -> c.kind() + ":" + c.name(), c -> c));
    for (String kind : KIND_ORDER) {
      var chips = KINDS.get(kind).apply(policy).stream().map(entry -> {
        Change change = changes.get(kind + ":" + entry);
        return Entries.entry(entry, change == null ? Mark.NONE : mark(change));
      }).toList();
      column.add(Entries.row(KIND_LABELS.get(kind), chips));
    }
    return column;
  }

  private Component createUnchanged(List<PolicyChange> unchanged) {
    var content = new Div();
    for (PolicyChange module : unchanged) {
      var policy = policy(to, module.module());
      var chips = new ArrayList<Component>();
      KIND_ORDER.forEach(kind -> KINDS.get(kind).apply(policy).forEach(e -> chips.add(Entries.entry(e, Mark.NONE))));
      content.add(Entries.row(module.module(), chips));
    }
    var details = new Details(unchanged.size() == 1 ? "1 unchanged module" : unchanged.size() + " unchanged modules",
        content);
    details.setId("diff-unchanged");
    details.setOpened(false);
    details.setWidthFull();
    return details;
  }

  private static ModulePolicy policy(Manifest manifest, String module) {
    if (module.equals(PolicyChange.DEFAULTS)) {
      return manifest.defaults();
    }
    return manifest.modules().get(module);
  }

  private static Mark mark(Change change) {
    return !change.added() ? Mark.REMOVED : change.risky() ? Mark.RISKY : Mark.ADDED;
  }

  private static String kindPrefix(Change change) {
    return switch (change.kind()) {
      case ManifestDiff.SYSCALL -> "syscall ";
      case ManifestDiff.EXEC -> "exec ";
      default -> "";
    };
  }
}
