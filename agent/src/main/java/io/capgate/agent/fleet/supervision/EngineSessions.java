package io.capgate.agent.fleet.supervision;

import java.util.Optional;
import java.util.Set;

/**
 * Starts and stops engine sessions. The engine integration implements it over {@code Supervisor}: an
 * {@link SupervisionMode#OBSERVE} session is {@code trace} with {@code --pid} and no duration, the others are
 * {@code run} with {@code --pid} in the policy's engine mode, its manifest parsed from the verified bytes, its
 * violations and observations sent to the spool; {@code onAttached} reports {@link Listener#attached}, the engine's
 * fork and exit lines report {@link Listener#coverage}.
 */
public interface EngineSessions {

    /**
     * Starts a session and returns at once; attaching is reported to {@code listener} later, from any thread (or
     * even before this returns).
     *
     * @param id the caller's name for the session, used in every report
     * @throws SessionStartException when the session cannot even be started (the plan retries with backoff)
     */
    void start(SessionId id, SessionSpec spec, Listener listener) throws SessionStartException;

    /** Asks a session to stop (detach the engine); {@link Listener#ended} follows. Stopping twice is harmless. */
    void stop(SessionId id);

    /** What sessions report. Calls may come from any thread. */
    interface Listener {

        /** The engine is attached and enforcing; it supervises {@code covered} (the target, at first). */
        void attached(SessionId id, Set<Integer> covered);

        /** The pids the session supervises changed (a fork, an exit). */
        void coverage(SessionId id, Set<Integer> covered);

        /**
         * The session is over: stopped, its processes all exited, or it failed ({@code failure} says how: it
         * never attached, bpftrace died).
         */
        void ended(SessionId id, Optional<SessionFailure> failure);
    }
}
