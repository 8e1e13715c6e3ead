package io.capgate.agent.fleet.supervision;

import java.util.List;
import java.util.Set;

/**
 * What to do now to move towards every service process being covered by an attached session of its policy.
 *
 * @param start   sessions to start
 * @param stop    sessions to stop, each with why
 * @param held    old-policy sessions kept because they still cover processes no new session covers
 * @param waiting sessions that would be started but whose last attempt failed recently (backoff)
 */
public record SupervisionPlan(List<SessionSpec> start, List<Stop> stop, List<Held> held, List<SessionSpec> waiting) {

    /** Nothing to do. */
    public static final SupervisionPlan NONE = new SupervisionPlan(List.of(), List.of(), List.of(), List.of());

    public SupervisionPlan {
        start = List.copyOf(start);
        stop = List.copyOf(stop);
        held = List.copyOf(held);
        waiting = List.copyOf(waiting);
    }

    /** True when nothing is to be started or stopped. */
    public boolean idle() {
        return start.isEmpty() && stop.isEmpty();
    }

    /**
     * A session to stop.
     *
     * @param id     the session
     * @param reason why
     */
    public record Stop(SessionId id, Reason reason) {
    }

    /** Why a session is stopped. */
    public enum Reason {
        /** Its policy changed and attached sessions of the new policy cover everything it covered. */
        REPLACED,
        /** Its policy changed before it attached: it protected nothing yet. */
        SUPERSEDED,
        /** The service is no longer assigned to this agent. */
        UNASSIGNED,
        /** Everything it supervised has exited (or, not attached yet, its target is gone). */
        PROCESSES_GONE,
        /** Its target still runs but no longer matches the service, and nothing it follows does. */
        NO_LONGER_MATCHING,
        /** Another attached session of the same policy already covers its target and everything it follows. */
        REDUNDANT
    }

    /**
     * An old-policy session kept on purpose.
     *
     * @param id        the session
     * @param uncovered the pids it supervises that no attached session of the current policy does yet
     */
    public record Held(SessionId id, Set<Integer> uncovered) {

        public Held {
            uncovered = Set.copyOf(uncovered);
        }
    }
}
