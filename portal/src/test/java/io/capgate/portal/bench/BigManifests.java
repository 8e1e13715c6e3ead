package io.capgate.portal.bench;

import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestWriter;
import io.capgate.model.manifest.ModulePolicy;
import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.CapabilityCatalog;
import io.capgate.model.syscalls.SyscallTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Large manifests for the benchmark: N modules with M explicit syscalls each, and a changed copy. */
final class BigManifests {

  private BigManifests() {}

  /** A manifest of {@code modules} modules, each with {@code syscalls} distinct syscalls and two groups. */
  static Manifest of(int modules, int syscalls, long seed) {
    var random = new Random(seed);
    List<String> names = new ArrayList<>(SyscallTable.of(Arch.X86_64).names());
    var groups = CapabilityCatalog.standard().groups().stream().filter(g -> !g.risky()).map(g -> g.name()).toList();
    var policies = new TreeMap<String, ModulePolicy>();
    for (int m = 0; m < modules; m++) {
      var chosen = new TreeSet<String>();
      while (chosen.size() < syscalls) {
        chosen.add(names.get(random.nextInt(names.size())));
      }
      var capabilities = new TreeSet<>(List.of(groups.get(random.nextInt(groups.size())),
          groups.get(random.nextInt(groups.size()))));
      policies.put("pkg%03d.module%03d".formatted(m / 10, m), ModulePolicy.of(capabilities, chosen, Set.of()));
    }
    return Manifest.of("bench-service", "x86_64", "3.11", ModulePolicy.of(Set.of("sys.basic", "mem"), Set.of(),
        Set.of()), policies);
  }

  /** A copy where every tenth module gains proc.spawn and loses one syscall, as a review would see. */
  static Manifest changed(Manifest base) {
    var changed = base;
    int i = 0;
    for (var entry : base.modules().entrySet()) {
      if (i++ % 10 != 0) {
        continue;
      }
      var policy = entry.getValue();
      var capabilities = new TreeSet<>(policy.capabilities());
      capabilities.add("proc.spawn");
      var syscalls = new TreeSet<>(policy.syscalls());
      syscalls.remove(syscalls.first());
      changed = changed.withModule(entry.getKey(), ModulePolicy.of(capabilities, syscalls, policy.exec()));
    }
    return changed;
  }

  static String yaml(Manifest manifest) {
    return ManifestWriter.toYaml(manifest);
  }
}
