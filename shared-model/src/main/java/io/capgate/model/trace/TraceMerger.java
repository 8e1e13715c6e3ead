package io.capgate.model.trace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/** Combines several traces of one service into one, e.g. from several test runs or replicas. */
public final class TraceMerger {

    private TraceMerger() {
    }

    /**
     * Merges {@code traces} into one.
     *
     * <p>Per module, syscall and exec counts are summed and the first non-empty sample stack (in list order) is kept;
     * {@code lostEvents} and {@code durationMillis} are summed. Descriptive fields (service, python, executable,
     * appRoot, command, startedAt) come from the first trace. A single trace is returned as is.
     *
     * @throws IllegalArgumentException when the list is empty, or the traces differ in architecture or apiVersion
     * @throws ArithmeticException      when a sum overflows a {@code long}
     */
    public static Trace merge(List<Trace> traces) {
        Objects.requireNonNull(traces, "traces");
        if (traces.isEmpty()) {
            throw new IllegalArgumentException("no traces to merge");
        }
        traces.forEach(t -> Objects.requireNonNull(t, "traces must not contain null"));
        Trace first = traces.getFirst();
        requireSame(traces, "architecture", Trace::arch);
        requireSame(traces, "apiVersion", Trace::apiVersion);
        if (traces.size() == 1) {
            return first;
        }
        long duration = 0;
        long lost = 0;
        Map<String, ModuleSum> modules = new TreeMap<>();
        for (Trace trace : traces) {
            duration = Math.addExact(duration, trace.durationMillis());
            lost = Math.addExact(lost, trace.lostEvents());
            trace.modules().forEach((name, module) -> modules.computeIfAbsent(name, n -> new ModuleSum()).add(module));
        }
        SortedMap<String, TraceModule> merged = new TreeMap<>();
        modules.forEach((name, sum) -> merged.put(name, sum.toModule()));
        return new Trace(first.apiVersion(), first.service(), first.arch(), first.python(), first.executable(),
                first.appRoot(), first.command(), first.startedAt(), duration, lost, merged);
    }

    private static void requireSame(List<Trace> traces, String what, Function<Trace, String> field) {
        Set<String> values = new LinkedHashSet<>();
        traces.forEach(t -> values.add(field.apply(t)));
        if (values.size() > 1) {
            List<String> described = new ArrayList<>();
            for (int i = 0; i < traces.size(); i++) {
                Trace t = traces.get(i);
                described.add("#" + (i + 1) + (t.service().isEmpty() ? "" : " (" + t.service() + ")") + ": "
                        + field.apply(t));
            }
            throw new IllegalArgumentException("cannot merge traces of different " + what + " ("
                    + String.join(", ", values) + "); trace " + String.join(", ", described)
                    + ". Build one manifest per " + what + ".");
        }
    }

    /** Running sums of one module. */
    private static final class ModuleSum {
        private final SortedMap<String, Long> syscalls = new TreeMap<>();
        private final SortedMap<String, Long> exec = new TreeMap<>();
        private List<String> sampleStack = List.of();

        void add(TraceModule module) {
            module.syscalls().forEach((name, count) -> syscalls.merge(name, count, Math::addExact));
            module.exec().forEach((path, count) -> exec.merge(path, count, Math::addExact));
            if (sampleStack.isEmpty()) {
                sampleStack = module.sampleStack();
            }
        }

        TraceModule toModule() {
            return new TraceModule(syscalls, exec, sampleStack);
        }
    }
}
