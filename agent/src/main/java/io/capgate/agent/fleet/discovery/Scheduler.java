package io.capgate.agent.fleet.discovery;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs a task repeatedly; tests use one they tick by hand, so nothing waits on real time. */
@FunctionalInterface
public interface Scheduler {

    /**
     * Runs {@code task} every {@code interval}, the first time after one interval, until the returned handle is
     * closed. Runs never overlap.
     */
    Cancellable every(Duration interval, Runnable task);

    /** Stops a repeating task. */
    @FunctionalInterface
    interface Cancellable extends AutoCloseable {

        @Override
        void close();
    }

    /** A scheduler over an executor (fixed delay between runs, so a slow scan is not followed by a burst). */
    static Scheduler of(ScheduledExecutorService executor) {
        return (interval, task) -> {
            ScheduledFuture<?> future = executor.scheduleWithFixedDelay(task, interval.toNanos(), interval.toNanos(),
                    TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
