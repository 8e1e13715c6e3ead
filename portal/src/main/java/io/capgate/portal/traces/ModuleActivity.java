package io.capgate.portal.traces;

import io.capgate.model.protocol.StackFrame;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * What one module did over a time range.
 *
 * @param syscalls    per syscall (and program, for exec), summed; ordered by syscall
 * @param exec        programs executed and how often
 * @param sampleStack one Python stack seen in the module, innermost first (empty when none was sent)
 */
public record ModuleActivity(String module, List<ObservationSummary> syscalls, SortedMap<String, Long> exec,
    List<StackFrame> sampleStack, long total, Instant firstSeen, Instant lastSeen) {

  public ModuleActivity {
    syscalls = List.copyOf(syscalls);
    exec = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(exec));
    sampleStack = List.copyOf(sampleStack);
  }
}
