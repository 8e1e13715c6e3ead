package io.capgate.agent.fleet.daemon;

import io.capgate.model.protocol.Limits;
import io.capgate.model.protocol.ProtectionState;
import io.capgate.model.protocol.ProtectionStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends ASSIGNMENT_STATUS: at once after each applied ASSIGNMENTS and on every new session, and when statuses
 * change, coalesced to at most one frame per {@code minInterval} (a burst of process starts is one frame). A change
 * that leaves the statuses as last sent sends nothing. Thread-safe.
 *
 * <p>The statuses are the supervision loop's (per service and process) followed by the refusals of the revision in
 * force (pid 0, NOT_PROTECTED, with why).
 */
public final class StatusReporter {

    /** Where reports go: the portal connection. */
    @FunctionalInterface
    public interface Sink {

        void report(long revision, List<ProtectionStatus> statuses);
    }

    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final Duration minInterval;
    private final Supplier<List<ProtectionStatus>> supervision;
    private Sink sink;
    private long revision;
    private List<ProtectionStatus> refusals = List.of();
    private List<ProtectionStatus> lastSent;
    private long lastSentMillis = Long.MIN_VALUE;
    private boolean scheduled;
    private boolean stopped;

    /**
     * @param executor    runs the coalesced reports
     * @param supervision the supervision loop's statuses
     */
    public StatusReporter(ScheduledExecutorService executor, Clock clock, Duration minInterval,
                          Supplier<List<ProtectionStatus>> supervision) {
        this.executor = executor;
        this.clock = clock;
        this.minInterval = minInterval;
        this.supervision = supervision;
    }

    /** Where to send from now on. */
    public synchronized void sendTo(Sink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** The revision in force and its refusals changed: report now. */
    public synchronized void assignmentsApplied(long revision, List<AssignmentVerifier.Refusal> refused) {
        this.revision = revision;
        this.refusals = refused.stream().map(r -> new ProtectionStatus(r.serviceId(), 0,
                ProtectionState.NOT_PROTECTED, r.reason(), Limits.clip(r.detail(), Limits.MAX_TEXT_BYTES))).toList();
        send(true);
    }

    /** A new session with the portal is open: it knows nothing yet, report now. */
    public synchronized void sessionOpened() {
        send(true);
    }

    /** Some status may have changed: report soon, coalesced. */
    public synchronized void changed() {
        if (scheduled || stopped) {
            return;
        }
        long wait = lastSentMillis == Long.MIN_VALUE ? 0
                : Math.max(0, lastSentMillis + minInterval.toMillis() - clock.millis());
        scheduled = true;
        try {
            executor.schedule(this::coalesced, wait, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            scheduled = false; // shutting down
        }
    }

    /** No more reports (the agent is stopping). */
    public synchronized void stop() {
        stopped = true;
    }

    /** What would be sent now. */
    public synchronized List<ProtectionStatus> current() {
        List<ProtectionStatus> all = new ArrayList<>(supervision.get());
        all.addAll(refusals);
        return List.copyOf(all);
    }

    private synchronized void coalesced() {
        scheduled = false;
        send(false);
    }

    private void send(boolean force) {
        if (stopped || sink == null) {
            return;
        }
        List<ProtectionStatus> now = current();
        if (!force && now.equals(lastSent)) {
            return;
        }
        lastSent = now;
        lastSentMillis = clock.millis();
        sink.report(revision, now);
    }
}
