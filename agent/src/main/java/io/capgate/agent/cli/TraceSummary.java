package io.capgate.agent.cli;

import java.util.Locale;

import io.capgate.model.trace.Trace;
import io.capgate.model.trace.TraceModule;

/** What a trace holds, in numbers: modules, syscalls (total and distinct), programs run, lost events. */
record TraceSummary(int modules, long syscalls, int distinctSyscalls, long execs, long lostEvents, long millis) {

    static TraceSummary of(Trace trace) {
        long syscalls = 0;
        long execs = 0;
        java.util.Set<String> distinct = new java.util.TreeSet<>();
        for (TraceModule module : trace.modules().values()) {
            syscalls += module.syscalls().values().stream().mapToLong(Long::longValue).sum();
            execs += module.exec().values().stream().mapToLong(Long::longValue).sum();
            distinct.addAll(module.syscalls().keySet());
        }
        return new TraceSummary(trace.modules().size(), syscalls, distinct.size(), execs, trace.lostEvents(),
                trace.durationMillis());
    }

    /** {@code 3 modules, 855 syscalls (12 distinct), 1 exec, 0 lost events in 60.0 s}. */
    String text() {
        return Inputs.count(modules, "module") + ", " + Inputs.count(syscalls, "syscall") + " (" + distinctSyscalls
                + " distinct), " + Inputs.count(execs, "exec") + ", " + Inputs.count(lostEvents, "lost event")
                + " in " + String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** The warning to print when events were lost, else null. */
    String lostWarning() {
        if (lostEvents == 0) {
            return null;
        }
        return "warning: the kernel dropped " + Inputs.count(lostEvents, "event") + ", so the trace is incomplete;"
                + " a manifest built from it may miss syscalls the program needs (trace again under less load)";
    }
}
