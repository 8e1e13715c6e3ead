package io.capgate.portal.traces;

import io.capgate.model.protocol.StackFrame;
import io.capgate.model.trace.Trace;
import io.capgate.model.trace.TraceModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Stored observations in the two shapes the review needs: per module for people ({@link ModuleActivity}), and as
 * a {@link Trace}, the input {@code capgate build} and {@code capgate check} take, so the portal builds and checks
 * with the CLI's own rules. An observation row with a program is an exec: its count goes to the syscall and to
 * the program.
 */
final class ObservedTrace {

  private ObservedTrace() {}

  static List<ModuleActivity> modules(List<ObservationSummary> rows, Map<String, List<StackFrame>> stacks) {
    var byModule = new LinkedHashMap<String, List<ObservationSummary>>();
    rows.forEach(row -> byModule.computeIfAbsent(row.module(), m -> new ArrayList<>()).add(row));
    var modules = new ArrayList<ModuleActivity>();
    byModule.forEach((module, moduleRows) -> {
      var exec = new TreeMap<String, Long>();
      moduleRows.stream().filter(r -> r.program() != null).forEach(r -> exec.merge(r.program(), r.count(), Long::sum));
      Instant first = moduleRows.stream().map(ObservationSummary::firstSeen).min(Instant::compareTo).orElseThrow();
      Instant last = moduleRows.stream().map(ObservationSummary::lastSeen).max(Instant::compareTo).orElseThrow();
      long total = moduleRows.stream().mapToLong(ObservationSummary::count).sum();
      modules.add(new ModuleActivity(module, moduleRows, exec, stacks.getOrDefault(module, List.of()), total, first,
          last));
    });
    return modules;
  }

  /**
   * The observations as one trace.
   *
   * @param arch   the architecture the syscall names are of ({@code x86_64}, {@code aarch64})
   * @param python the interpreter version, e.g. {@code 3.11}
   */
  static Trace trace(String service, String arch, String python, Instant from, Instant to,
      List<ModuleActivity> modules, long kernelEventsLost) {
    var traceModules = new TreeMap<String, TraceModule>();
    for (var module : modules) {
      SortedMap<String, Long> syscalls = new TreeMap<>();
      module.syscalls().forEach(row -> syscalls.merge(row.syscall(), row.count(), Long::sum));
      var stack = module.sampleStack().stream().map(f -> f.file() + ":" + f.function() + ":" + f.line()).toList();
      traceModules.put(module.module(), new TraceModule(syscalls, module.exec(), stack));
    }
    return new Trace(Trace.API_VERSION, service, arch, python, "", "", List.of(), from.toString(),
        to.toEpochMilli() - from.toEpochMilli(), kernelEventsLost, traceModules);
  }
}
