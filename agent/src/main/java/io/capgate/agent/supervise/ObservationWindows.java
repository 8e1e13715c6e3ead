package io.capgate.agent.supervise;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Turns the engine's periodic prints of its cumulative {@code @obs} counts into windows of what happened since the
 * previous print. The kernel never clears the map while the session runs (bpftrace clears maps in user space, after
 * the print, so counts made in between would be lost); each window is the difference to the previous print, which
 * is exact because per-CPU counters only grow.
 */
final class ObservationWindows {

    private record Key(long ak, int idx) {
    }

    private record Pair(String module, String syscall, String program) {
    }

    private final Consumer<ObservationWindow> sink;
    private final Map<Key, Long> previous = new HashMap<>();
    private Map<Key, Long> printing;
    private final Map<Pair, Long> execs = new LinkedHashMap<>();
    /** First-seen stacks not yet sent, by module and syscall. */
    private final Map<Pair, List<Violation.Frame>> samples = new HashMap<>();
    private Instant start;

    ObservationWindows(Instant attached, Consumer<ObservationWindow> sink) {
        this.start = attached;
        this.sink = sink;
    }

    /** The engine attached: the first window starts now. */
    synchronized void restart(Instant attached) {
        start = attached;
    }

    /** The engine starts printing its counts. */
    void begin() {
        printing = new HashMap<>();
    }

    boolean printing() {
        return printing != null;
    }

    /** One {@code @obs[ak, idx]: count} line of the current print. */
    void count(long ak, int idx, long cumulative) {
        if (printing != null) {
            printing.merge(new Key(ak, idx), cumulative, Long::sum);
        }
    }

    /** A supervised process executed {@code program} on behalf of {@code module}. */
    void exec(String module, String program) {
        execs.merge(new Pair(module, "execve", program), 1L, Long::sum);
    }

    /** The stack of the first call of {@code syscall} charged to {@code module} (the engine reports one per key). */
    void sample(String module, String syscall, List<Violation.Frame> stack) {
        samples.putIfAbsent(new Pair(module, syscall, null), List.copyOf(stack));
    }

    /**
     * The print is complete: hands the window's differences to the sink.
     *
     * @param moduleOf names the module of an attribution key
     * @param nameOf   names a kernel index
     */
    synchronized void finish(Instant end, LongFunction<String> moduleOf, java.util.function.IntFunction<String> nameOf) {
        Map<Key, Long> now = printing == null ? Map.of() : printing;
        printing = null;
        Map<Pair, Long> counts = new TreeMap<>(java.util.Comparator.comparing(Pair::module)
                .thenComparing(Pair::syscall));
        now.forEach((key, cumulative) -> {
            long delta = cumulative - previous.getOrDefault(key, 0L);
            if (delta > 0) {
                counts.merge(new Pair(moduleOf.apply(key.ak()), nameOf.apply(key.idx()), null), delta, Long::sum);
            }
        });
        previous.putAll(now);
        List<ObservationWindow.Observation> entries = new ArrayList<>();
        counts.forEach((pair, n) -> entries.add(new ObservationWindow.Observation(pair.module(), pair.syscall(), null,
                n, taken(pair.module(), pair.syscall()))));
        execs.forEach((pair, n) -> entries.add(new ObservationWindow.Observation(pair.module(), pair.syscall(),
                pair.program(), n, List.of())));
        execs.clear();
        ObservationWindow window = new ObservationWindow(start, end.isBefore(start) ? start : end, entries);
        start = window.end();
        if (!entries.isEmpty()) {
            sink.accept(window);
        }
    }

    /** The sample for a pair, once: later windows reporting it again carry no stack. */
    private List<Violation.Frame> taken(String module, String syscall) {
        List<Violation.Frame> stack = samples.get(new Pair(module, syscall, null));
        if (stack == null) {
            return List.of();
        }
        samples.put(new Pair(module, syscall, null), List.of());
        return stack;
    }
}
