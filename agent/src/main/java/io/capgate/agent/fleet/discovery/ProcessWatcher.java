package io.capgate.agent.fleet.discovery;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Scans on a schedule and reports, after every scan, each service's processes and what changed since the scan
 * before. A scan that fails as a whole (the process table cannot be listed) is reported as a notice and changes
 * nothing: it never makes every process look gone.
 *
 * <p>Thread-safe: {@link #watch} may be called from any thread; scans run on the scheduler's thread (or the
 * caller's, with {@link #poll}) one at a time.
 */
public final class ProcessWatcher implements AutoCloseable {

    private final ProcessScanner scanner;
    private final Scheduler scheduler;
    private final Duration interval;
    private final Consumer<ProcessChanges> listener;
    private final Consumer<String> notices;
    private final Object lock = new Object();
    private Map<String, MatcherSpec> services = Map.of();
    private Map<String, List<DiscoveredProcess>> last = Map.of();
    private int lastUnreadable;
    private Scheduler.Cancellable running;

    /**
     * Creates a watcher; nothing runs until {@link #start} or {@link #poll}.
     *
     * @param interval time between the end of one scan and the start of the next
     * @param listener receives the changes after every scan, on the scanning thread
     * @param notices  receives one line when a scan fails or the count of unreadable processes changes
     */
    public ProcessWatcher(ProcessScanner scanner, Scheduler scheduler, Duration interval,
                          Consumer<ProcessChanges> listener, Consumer<String> notices) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("scan interval must be positive, got " + interval);
        }
        this.scanner = scanner;
        this.scheduler = scheduler;
        this.interval = interval;
        this.listener = listener;
        this.notices = notices;
    }

    /** Replaces the services to watch; the next scan uses them, and reports processes of dropped ones as gone. */
    public void watch(Map<String, MatcherSpec> services) {
        synchronized (lock) {
            this.services = Map.copyOf(services);
        }
    }

    /** Starts scanning every interval. */
    public void start() {
        synchronized (lock) {
            if (running != null) {
                throw new IllegalStateException("already started");
            }
            running = scheduler.every(interval, this::pollQuietly);
        }
    }

    /** Scans now and reports the changes (also to the listener); empty when the scan failed. */
    public Optional<ProcessChanges> poll() {
        synchronized (lock) {
            ScanResult scan;
            try {
                scan = scanner.scan(services);
            } catch (IOException e) {
                notices.accept("process scan failed, keeping the last known processes: " + e);
                return Optional.empty();
            }
            if (scan.unreadable() != lastUnreadable) {
                lastUnreadable = scan.unreadable();
                notices.accept(scan.unreadable() + " processes could not be inspected" + (scan.problems().isEmpty()
                        ? "" : ", e.g. " + scan.problems().get(0)));
            }
            ProcessChanges changes = diff(scan);
            last = scan.services();
            listener.accept(changes);
            return Optional.of(changes);
        }
    }

    private ProcessChanges diff(ScanResult scan) {
        Map<String, ProcessChanges.ServiceChanges> result = new HashMap<>();
        Set<String> ids = new TreeSet<>(last.keySet());
        ids.addAll(scan.services().keySet());
        for (String id : ids) {
            List<DiscoveredProcess> before = last.getOrDefault(id, List.of());
            List<DiscoveredProcess> now = scan.services().getOrDefault(id, List.of());
            Set<ProcessId> beforeIds = before.stream().map(DiscoveredProcess::id).collect(Collectors.toSet());
            Set<ProcessId> nowIds = now.stream().map(DiscoveredProcess::id).collect(Collectors.toSet());
            List<DiscoveredProcess> appeared = now.stream().filter(p -> !beforeIds.contains(p.id())).toList();
            List<ProcessId> gone = new ArrayList<>(before.stream().map(DiscoveredProcess::id)
                    .filter(p -> !nowIds.contains(p)).sorted().toList());
            result.put(id, new ProcessChanges.ServiceChanges(now, appeared, gone));
        }
        return new ProcessChanges(scan.at(), result, scan.unreadablePids());
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // An exception escaping into the executor would silently end the schedule: report it and go on.
            notices.accept("process watcher: the listener failed, scanning continues: " + e);
        }
    }

    /** Stops scanning. */
    @Override
    public void close() {
        synchronized (lock) {
            if (running != null) {
                running.close();
                running = null;
            }
        }
    }
}
