package io.capgate.agent.fleet.supervision;

import io.capgate.agent.fleet.discovery.MatcherSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps the assignments, the last discovered processes and the sessions, and after every change plans and
 * applies the next step through {@link EngineSessions}. Thread-safe; session events may arrive on any thread,
 * also from inside {@link EngineSessions#start}.
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
    public synchronized void assign(Map<String, Assignment> assignments) {
        this.assignments = Map.copyOf(assignments);
        reconcile();
    }

    /** A scan found these processes. */
    public synchronized void observed(ServiceProcesses processes) {
        this.processes = processes;
        reconcile();
    }

    /** Re-plans without news, e.g. on a timer so backoffs expire. */
    public synchronized void tick() {
        reconcile();
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
    public synchronized void attached(SessionId id, Set<Integer> covered) {
        book.attached(id, covered);
        reconcile();
    }

    @Override
    public synchronized void coverage(SessionId id, Set<Integer> covered) {
        book.coverage(id, covered);
        reconcile();
    }

    @Override
    public synchronized void ended(SessionId id, Optional<SessionFailure> failure) {
        failure.ifPresent(f -> notices.accept(id + " failed: " + f));
        book.ended(id, failure);
        reconcile();
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
