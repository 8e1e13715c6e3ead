package io.capgate.portal.manifests.ui;

import io.capgate.model.manifest.ManifestDiff;
import io.capgate.model.manifest.ManifestDiff.Change;
import io.capgate.model.manifest.ManifestDiff.PolicyChange;
import io.capgate.model.manifest.ManifestDiff.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one line on top of a diff that says what changed, risky additions first within each module:
 * {@code 1 module changed: +proc.spawn (risky) in payments.worker}.
 */
final class DiffSummary {

  /** Modules named in full; the rest are counted, so the line stays one line. */
  static final int MAX_MODULES = 5;

  private DiffSummary() {}

  static String of(ManifestDiff diff) {
    if (diff.isEmpty()) {
      return "No changes";
    }
    var parts = new ArrayList<String>();
    diff.fields().forEach(f -> parts.add(f.field() + " " + f.oldValue() + " → " + f.newValue()));
    var changed = new ArrayList<PolicyChange>();
    if (diff.defaults().status() != Status.UNCHANGED) {
      changed.add(diff.defaults());
    }
    diff.modules().stream().filter(m -> m.status() != Status.UNCHANGED).forEach(changed::add);
    changed.stream().limit(MAX_MODULES).forEach(m -> parts.add(describe(m)));
    if (changed.size() > MAX_MODULES) {
      parts.add("… and " + (changed.size() - MAX_MODULES) + " more");
    }
    return head(changed) + ": " + String.join("; ", parts);
  }

  private static String head(List<PolicyChange> changed) {
    boolean defaults = changed.stream().anyMatch(m -> m.module().equals(PolicyChange.DEFAULTS));
    long modules = changed.size() - (defaults ? 1 : 0);
    String count = modules == 1 ? "1 module" : modules + " modules";
    if (defaults) {
      return modules == 0 ? "The defaults changed" : count + " and the defaults changed";
    }
    return modules == 0 ? "The header changed" : count + " changed";
  }

  /** {@code +proc.spawn (risky), -fs.write in payments.worker}; a new or removed module says so. */
  static String describe(PolicyChange module) {
    List<Change> changes = new ArrayList<>(module.changes());
    changes.sort((a, b) -> Boolean.compare(b.risky(), a.risky()));
    String entries = changes.stream().map(DiffSummary::describe).collect(Collectors.joining(", "));
    String where = switch (module.status()) {
      case ADDED -> " in new module " + module.module();
      case REMOVED -> " in removed module " + module.module();
      default -> " in " + module.module();
    };
    return (entries.isEmpty() ? "(nothing allowed)" : entries) + where;
  }

  static String describe(Change change) {
    String kind = switch (change.kind()) {
      case ManifestDiff.SYSCALL -> "syscall ";
      case ManifestDiff.EXEC -> "exec ";
      default -> "";
    };
    return (change.added() ? "+" : "-") + kind + change.name() + (change.risky() ? " (risky)" : "");
  }
}
