package io.capgate.agent.supervise;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Per-session control for a caller that runs several engine sessions in one JVM (the agent daemon): its own stop
 * switch instead of the terminal's Ctrl-C, observation windows while tracing, and the engine's fork, exit and
 * lost-event reports as they happen. A request without one behaves as the CLI always did.
 */
public final class SessionControl {

    /** The shortest observation window: the engine flushes on a one-second timer. */
    public static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    /** The default observation window. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);

    private final Duration window;
    private final Listener listener;
    private final CountDownLatch stop = new CountDownLatch(1);

    /**
     * Creates a control.
     *
     * @param window   how often a trace session reports aggregated observations (whole seconds, at least one);
     *                 the last window ends when the session does
     * @param listener receives the session's reports, on the engine's output thread: it must return quickly
     */
    public SessionControl(Duration window, Listener listener) {
        Objects.requireNonNull(window, "window");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (window.compareTo(MIN_WINDOW) < 0) {
            throw new IllegalArgumentException("an observation window is at least one second, got " + window);
        }
        this.window = window;
    }

    /** What a session reports while it runs. Every method has a default that ignores the report. */
    public interface Listener {

        /** A trace session's observations since the previous window. */
        default void window(ObservationWindow window) {
        }

        /** bpftrace reported {@code events} lost in its kernel buffer (each report as it arrives). */
        default void eventsLost(long events) {
        }

        /** The processes (not threads) the engine supervises changed: a fork or an exit. */
        default void coverage(Set<Integer> pids) {
        }
    }

    /** Asks the session to end: the engine is detached and the call returns. Harmless when repeated or late. */
    public void stop() {
        stop.countDown();
    }

    /** True once {@link #stop()} was called. */
    public boolean stopRequested() {
        return stop.getCount() == 0;
    }

    /** Waits up to {@code timeout} for a stop request; true when there is one. */
    boolean awaitStop(Duration timeout) throws InterruptedException {
        return stop.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The observation window in whole seconds. */
    public long windowSeconds() {
        return Math.max(1, window.toSeconds());
    }

    Listener listener() {
        return listener;
    }
}
