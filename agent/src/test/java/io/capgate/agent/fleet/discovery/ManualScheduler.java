package io.capgate.agent.fleet.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scheduler whose tasks run when the test calls {@link #tick()}. */
final class ManualScheduler implements Scheduler {

    final List<Duration> intervals = new ArrayList<>();
    private final List<Runnable> tasks = new ArrayList<>();

    @Override
    public Cancellable every(Duration interval, Runnable task) {
        intervals.add(interval);
        tasks.add(task);
        return () -> tasks.remove(task);
    }

    /** Runs every scheduled task once, as if one interval passed. */
    void tick() {
        List.copyOf(tasks).forEach(Runnable::run);
    }

    int scheduled() {
        return tasks.size();
    }
}
