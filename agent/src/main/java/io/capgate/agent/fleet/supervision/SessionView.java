package io.capgate.agent.fleet.supervision;

import java.util.Set;

/**
 * What the planner knows about a running session.
 *
 * @param id      the session
 * @param spec    what it was started for
 * @param state   where it is in its life
 * @param covered the pids the engine supervises in it now: the target while it lives, plus what it forked since
 *                attaching; empty before attaching
 */
public record SessionView(SessionId id, SessionSpec spec, State state, Set<Integer> covered) {

    public SessionView {
        covered = Set.copyOf(covered);
    }

    /** The life of a session, as far as planning is concerned; ended sessions are forgotten. */
    public enum State {
        /** Started, not attached yet: enforces nothing so far. */
        STARTING,
        /** Attached: enforcing (or observing) the processes it covers. */
        ATTACHED,
        /** Asked to stop. */
        STOPPING
    }

    /** True when it enforces now. */
    public boolean attached() {
        return state == State.ATTACHED;
    }

    /** Whether it supervises {@code pid} now. */
    public boolean covers(int pid) {
        return attached() && covered.contains(pid);
    }
}
