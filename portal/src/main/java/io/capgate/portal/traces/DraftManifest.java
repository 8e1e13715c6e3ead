package io.capgate.portal.traces;

import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestBuilder;
import io.capgate.model.manifest.ManifestChecker;
import io.capgate.model.manifest.ModulePolicy;
import io.capgate.model.trace.Trace;
import io.capgate.model.trace.TraceModule;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The manifest "Turn into draft" proposes, built with {@link ManifestBuilder} (the rules of {@code capgate build}).
 * Without an active version it is exactly what {@code capgate build} makes of the observations. With one, the
 * builder gets only what the active version does not allow ({@link ManifestChecker}), and its result is added to the
 * active manifest: nothing is removed. A time range is a sample, and a draft that dropped what the active version
 * allows but the range did not happen to exercise would, once approved in kill mode, kill the service on its next
 * rare path; tightening stays a deliberate edit, guided by the review's "never observed" list.
 */
final class DraftManifest {

  private DraftManifest() {}

  /**
   * @throws IllegalArgumentException when the observations cannot make a valid manifest (the builder's message)
   * @throws IllegalStateException    when the active version already allows everything observed
   */
  static Manifest build(Trace observed, Optional<Manifest> active, String service) {
    if (observed.modules().isEmpty()) {
      throw new IllegalStateException("Nothing was observed in this time range: there is nothing to build from");
    }
    if (active.isEmpty()) {
      return ManifestBuilder.build(List.of(observed), ManifestBuilder.BuildOptions.of(service));
    }
    var base = active.get();
    var missing = notAllowed(observed, base);
    if (missing.modules().isEmpty()) {
      throw new IllegalStateException("The active version already allows everything observed in this time range: "
          + "there is nothing to add");
    }
    var built = ManifestBuilder.build(List.of(missing),
        new ManifestBuilder.BuildOptions(base.service(), base.defaults().capabilities()));
    var modules = new TreeMap<String, ModulePolicy>(base.modules());
    built.modules().forEach((name, policy) -> modules.merge(name, policy, DraftManifest::union));
    return new Manifest(base.apiVersion(), base.service(), base.arch(), base.python(), base.defaults(), modules);
  }

  /** The part of the trace the manifest does not allow, with the same header. */
  private static Trace notAllowed(Trace observed, Manifest manifest) {
    var modules = new TreeMap<String, TraceModule>();
    for (var finding : ManifestChecker.check(observed, manifest)) {
      var module = modules.computeIfAbsent(finding.module(),
          name -> new TraceModule(new TreeMap<>(), new TreeMap<>(), observed.modules().get(name).sampleStack()));
      var target = new TreeMap<>(finding.kind().equals(ManifestChecker.Finding.EXEC) ? module.exec()
          : module.syscalls());
      target.put(finding.name(), finding.count());
      modules.put(finding.module(), finding.kind().equals(ManifestChecker.Finding.EXEC)
          ? new TraceModule(module.syscalls(), target, module.sampleStack())
          : new TraceModule(target, module.exec(), module.sampleStack()));
    }
    return new Trace(observed.apiVersion(), observed.service(), observed.arch(), observed.python(),
        observed.executable(), observed.appRoot(), observed.command(), observed.startedAt(),
        observed.durationMillis(), observed.lostEvents(), modules);
  }

  private static ModulePolicy union(ModulePolicy a, ModulePolicy b) {
    var capabilities = new TreeSet<>(a.capabilities());
    capabilities.addAll(b.capabilities());
    var syscalls = new TreeSet<>(a.syscalls());
    syscalls.addAll(b.syscalls());
    var exec = new TreeSet<>(a.exec());
    exec.addAll(b.exec());
    return ModulePolicy.of(capabilities, syscalls, exec);
  }
}
