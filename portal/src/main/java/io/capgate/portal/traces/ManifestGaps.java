package io.capgate.portal.traces;

import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestChecker;
import io.capgate.model.manifest.ManifestDiff;
import io.capgate.model.manifest.ModulePolicy;
import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.CapabilityCatalog;
import io.capgate.model.syscalls.CapabilityGroup;
import io.capgate.model.trace.Trace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a trace with a manifest both ways. "Not allowed" is {@link ManifestChecker}'s answer (what
 * {@code capgate check} and enforcement judge), with each syscall's capability group and the same notion of risky
 * as {@link ManifestDiff}: a risky group, a name the catalog does not know, or any exec. "Never observed" is what the
 * manifest grants that nothing in the trace used: a group none of whose syscalls was made, a listed syscall or
 * program not seen, judged per module, and the defaults against every module together.
 */
final class ManifestGaps {

  private static final CapabilityCatalog CATALOG = CapabilityCatalog.standard();

  private ManifestGaps() {}

  static ManifestGap between(Trace trace, Manifest manifest) {
    var notAllowed = new ArrayList<ManifestGap.NotAllowed>();
    for (var finding : ManifestChecker.check(trace, manifest)) {
      if (finding.kind().equals(ManifestChecker.Finding.EXEC)) {
        notAllowed.add(new ManifestGap.NotAllowed(finding.module(), ManifestDiff.EXEC, finding.name(), finding.count(),
            "", true));
      } else {
        var group = CATALOG.groupOf(finding.name());
        boolean risky = group.flatMap(CATALOG::group).map(CapabilityGroup::risky).orElse(true);
        notAllowed.add(new ManifestGap.NotAllowed(finding.module(), ManifestDiff.SYSCALL, finding.name(),
            finding.count(), group.orElse(""), risky));
      }
    }
    return new ManifestGap(notAllowed, neverObserved(trace, manifest));
  }

  private static List<ManifestGap.NeverObserved> neverObserved(Trace trace, Manifest manifest) {
    Arch arch = Arch.fromId(trace.arch());
    var unused = new ArrayList<ManifestGap.NeverObserved>();
    var everywhere = new TreeSet<String>();
    var everyExec = new TreeSet<String>();
    trace.modules().values().forEach(m -> {
      everywhere.addAll(m.syscalls().keySet());
      everyExec.addAll(m.exec().keySet());
    });
    unused(ManifestDiff.PolicyChange.DEFAULTS, manifest.defaults(), everywhere, everyExec, arch, unused);
    manifest.modules().forEach((name, policy) -> {
      var observed = trace.modules().get(name);
      unused(name, policy, observed == null ? Set.of() : observed.syscalls().keySet(),
          observed == null ? Set.of() : observed.exec().keySet(), arch, unused);
    });
    return unused;
  }

  private static void unused(String module, ModulePolicy policy, Set<String> syscalls, Set<String> exec, Arch arch,
      List<ManifestGap.NeverObserved> unused) {
    for (String group : policy.capabilities()) {
      if (Collections.disjoint(members(group, arch), syscalls)) {
        unused.add(new ManifestGap.NeverObserved(module, ManifestDiff.CAPABILITY, group));
      }
    }
    policy.syscalls().stream().filter(s -> !syscalls.contains(s))
        .forEach(s -> unused.add(new ManifestGap.NeverObserved(module, ManifestDiff.SYSCALL, s)));
    policy.exec().stream().filter(p -> !exec.contains(p))
        .forEach(p -> unused.add(new ManifestGap.NeverObserved(module, ManifestDiff.EXEC, p)));
  }

  /** A group's syscalls on the arch; a group the catalog does not know (a validated manifest has none) has none. */
  private static Set<String> members(String group, Arch arch) {
    return CATALOG.group(group).isPresent() ? CATALOG.syscalls(group, arch) : Set.of();
  }
}
