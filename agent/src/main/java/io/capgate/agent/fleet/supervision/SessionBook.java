package io.capgate.agent.fleet.supervision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sessions that exist and the failures to back off from. Not thread-safe: {@link SupervisionLoop} guards it.
 *
 * <p>Backoff: a session that fails (does not attach, or its engine dies) is not started again for the same
 * process and policy before {@code first}, then twice as long after each further failure, at most {@code max}. A
 * failure record older than {@code max} past its retry time is forgotten, so an old failure does not slow down a
 * start much later.
 */
public final class SessionBook {

    private final Clock clock;
    private final Duration first;
    private final Duration max;
    private final Map<SessionId, SessionView> sessions = new LinkedHashMap<>();
    private final Map<SessionSpec, Failure> failures = new HashMap<>();
    /** Why the last session of a spec failed, until one attaches: the status report's reason. */
    private final Map<SessionSpec, SessionFailure> lastFailures = new HashMap<>();

    private record Failure(int attempts, Instant retryAt) {
    }

    /**
     * Creates an empty book.
     *
     * @param first the first backoff after a failure
     * @param max   the longest backoff
     */
    public SessionBook(Clock clock, Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff must be positive and max at least first: " + first + ", " + max);
        }
        this.clock = clock;
        this.first = first;
        this.max = max;
    }

    void starting(SessionId id, SessionSpec spec) {
        sessions.put(id, new SessionView(id, spec, SessionView.State.STARTING, Set.of()));
    }

    void attached(SessionId id, Set<Integer> covered) {
        update(id, SessionView.State.ATTACHED, covered);
        session(id).ifPresent(s -> {
            failures.remove(s.spec());
            lastFailures.remove(s.spec());
        });
    }

    void coverage(SessionId id, Set<Integer> covered) {
        session(id).ifPresent(s -> update(id, s.state(), covered));
    }

    void stopping(SessionId id) {
        session(id).ifPresent(s -> update(id, SessionView.State.STOPPING, s.covered()));
    }

    void ended(SessionId id, Optional<SessionFailure> failure) {
        SessionView gone = sessions.remove(id);
        if (gone != null && failure.isPresent() && gone.state() != SessionView.State.STOPPING) {
            failed(gone.spec());
            lastFailures.put(gone.spec(), failure.get());
        }
    }

    private void failed(SessionSpec spec) {
        int attempts = Optional.ofNullable(failures.get(spec)).map(f -> f.attempts + 1).orElse(1);
        Duration wait = first.multipliedBy(1L << Math.min(attempts - 1, 30));
        failures.put(spec, new Failure(attempts, clock.instant().plus(wait.compareTo(max) > 0 ? max : wait)));
    }

    /** The sessions that exist, in start order. */
    public List<SessionView> sessions() {
        return new ArrayList<>(sessions.values());
    }

    /** One session. */
    public Optional<SessionView> session(SessionId id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** Why the last session of {@code spec} failed, unless one attached since. */
    public Optional<SessionFailure> lastFailure(SessionSpec spec) {
        return Optional.ofNullable(lastFailures.get(spec));
    }

    /** Specs whose last attempt failed and whose backoff has not passed. */
    public Set<SessionSpec> backingOff() {
        Instant now = clock.instant();
        failures.values().removeIf(f -> f.retryAt.plus(max).isBefore(now));
        Set<SessionSpec> waiting = new HashSet<>();
        failures.forEach((spec, f) -> {
            if (f.retryAt.isAfter(now)) {
                waiting.add(spec);
            }
        });
        return waiting;
    }

    private void update(SessionId id, SessionView.State state, Set<Integer> covered) {
        SessionView s = sessions.get(id);
        if (s != null) {
            sessions.put(id, new SessionView(id, s.spec(), state, covered));
        }
    }
}
