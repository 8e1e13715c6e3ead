package io.capgate.agent.fleet.supervision;

import io.capgate.agent.fleet.discovery.MatcherSpec;
import io.capgate.model.protocol.ProtectionStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps the assignments, the last discovered processes and the sessions, and after every change plans and
 * applies the next step through {@link EngineSessions}. Thread-safe; session events may arrive on any thread,
 * also from inside {@link EngineSessions#start}. Keeps each service's and process's protection status (see
 * {@link ProtectionReport}) and tells {@link #onStatusChange} listeners when it changes.
 */
public final class SupervisionLoop implements EngineSessions.Listener {

    /** Plans applied per call at most: each reaches a fixed point in one or two, more means a bug. */
    private static final int MAX_ROUNDS = 8;

    private final EngineSessions engine;
    private final SessionBook book;
    private final ServiceSupervision planner = new ServiceSupervision();
    private final Consumer<String> notices;
    private Map<String, Assignment> assignments = Map.of();
    private ServiceProcesses processes = ServiceProcesses.NONE;
    private boolean reconciling;
    private long lastId;
    private boolean dirty;
    private SupervisionPlan last = SupervisionPlan.NONE;
    private final List<Runnable> statusListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private List<ProtectionStatus> statuses = List.of();
    /** Nesting of state changes on this thread (an engine reporting from inside start): listeners run at 0. */
    private int depth;
    private boolean statusChanged;

    /**
     * Creates a loop.
     *
     * @param notices receives one line per session started, stopped or failed to start
     */
    public SupervisionLoop(EngineSessions engine, SessionBook book, Consumer<String> notices) {
        this.engine = engine;
        this.book = book;
        this.notices = notices;
    }

    /** The portal's assignments changed. */
    public void assign(Map<String, Assignment> assignments) {
        Map<String, Assignment> copy = Map.copyOf(assignments);
        update(() -> {
            this.assignments = copy;
            reconcile();
        });
    }

    /** A scan found these processes. */
    public void observed(ServiceProcesses processes) {
        update(() -> {
            this.processes = processes;
            reconcile();
        });
    }

    /** Re-plans without news, e.g. on a timer so backoffs expire. */
    public void tick() {
        update(this::reconcile);
    }

    /**
     * Per assigned service and process: protected or not, and why (the ASSIGNMENT_STATUS content). Ordered by
     * service, then pid; a service's pid 0 entry first.
     */
    public synchronized List<ProtectionStatus> statuses() {
        return statuses;
    }

    /**
     * Runs {@code listener} after every change of {@link #statuses()}, on the thread that caused it and outside this
     * loop's lock (it may call {@link #statuses()}); it must return quickly.
     */
    public void onStatusChange(Runnable listener) {
        statusListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /** The matchers of the assigned services, for {@code ProcessWatcher.watch}. */
    public synchronized Map<String, MatcherSpec> matchers() {
        Map<String, MatcherSpec> matchers = new java.util.HashMap<>();
        assignments.forEach((id, a) -> matchers.put(id, a.matcher()));
        return matchers;
    }

    /** The last plan applied (for status reports and tests). */
    public synchronized SupervisionPlan lastPlan() {
        return last;
    }

    @Override
    public void attached(SessionId id, Set<Integer> covered) {
        update(() -> {
            book.attached(id, covered);
            reconcile();
        });
    }

    @Override
    public void coverage(SessionId id, Set<Integer> covered) {
        update(() -> {
            book.coverage(id, covered);
            reconcile();
        });
    }

    @Override
    public void ended(SessionId id, Optional<SessionFailure> failure) {
        update(() -> {
            failure.ifPresent(f -> notices.accept(id + " failed: " + f));
            book.ended(id, failure);
            reconcile();
        });
    }

    /** Applies a change under the lock, then tells the status listeners outside it if the statuses changed. */
    private void update(Runnable change) {
        boolean fire = false;
        synchronized (this) {
            depth++;
            try {
                change.run();
            } finally {
                depth--;
            }
            List<ProtectionStatus> now = ProtectionReport.statuses(assignments, processes, book.sessions(),
                    book::lastFailure);
            statusChanged |= !now.equals(statuses);
            statuses = now;
            if (depth == 0 && statusChanged) {
                statusChanged = false;
                fire = true;
            }
        }
        if (fire) {
            statusListeners.forEach(Runnable::run);
        }
    }

    private void reconcile() {
        dirty = true;
        if (reconciling) {
            return; // an event from inside start or stop: the running loop below plans once more
        }
        reconciling = true;
        try {
            for (int round = 0; dirty && round < MAX_ROUNDS; round++) {
                dirty = false;
                last = planner.plan(assignments, processes, book.sessions(), book.backingOff());
                apply(last);
            }
            if (dirty) {
                notices.accept("supervision did not settle in " + MAX_ROUNDS + " rounds; the next event retries");
            }
        } finally {
            reconciling = false;
        }
    }

    private void apply(SupervisionPlan plan) {
        for (SupervisionPlan.Stop stop : plan.stop()) {
            book.stopping(stop.id());
            notices.accept("stopping " + stop.id() + ": " + stop.reason());
            engine.stop(stop.id());
        }
        for (SessionSpec spec : plan.start()) {
            SessionId id = new SessionId(++lastId);
            book.starting(id, spec); // before start: the engine may report attaching before start returns
            try {
                engine.start(id, spec, this);
                notices.accept("started " + id + " for " + spec.serviceId() + " pid " + spec.target().pid() + " ("
                        + spec.policy() + ")");
            } catch (SessionStartException e) {
                book.ended(id, Optional.of(e.failure()));
                dirty = true; // plan again so the last plan shows it waiting
                notices.accept("cannot supervise " + spec.serviceId() + " pid " + spec.target().pid() + ": "
                        + e.getMessage());
            }
        }
    }
}
