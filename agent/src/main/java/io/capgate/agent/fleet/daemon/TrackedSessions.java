package io.capgate.agent.fleet.daemon;

import io.capgate.agent.fleet.supervision.EngineSessions;
import io.capgate.agent.fleet.supervision.SessionFailure;
import io.capgate.agent.fleet.supervision.SessionId;
import io.capgate.agent.fleet.supervision.SessionSpec;
import io.capgate.agent.fleet.supervision.SessionStartException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sits between the supervision loop and the engine: passes every call through and, after each session event or
 * start failure, tells the daemon that statuses may have changed. Also counts the sessions that exist, so a clean
 * shutdown can wait until every session has detached.
 */
final class TrackedSessions implements EngineSessions {

    private final EngineSessions engine;
    private final Runnable changed;
    private final Map<SessionId, SessionSpec> live = new ConcurrentHashMap<>();
    private final Map<Integer, SessionFailure> lastFailure = new ConcurrentHashMap<>();

    TrackedSessions(EngineSessions engine, Runnable changed) {
        this.engine = engine;
        this.changed = changed;
    }

    @Override
    public void start(SessionId id, SessionSpec spec, Listener listener) throws SessionStartException {
        live.put(id, spec);
        try {
            engine.start(id, spec, new Tracking(listener));
        } catch (SessionStartException e) {
            live.remove(id);
            lastFailure.put(spec.target().pid(), e.failure());
            changed.run();
            throw e;
        } catch (RuntimeException e) {
            live.remove(id);
            changed.run();
            throw e;
        }
    }

    @Override
    public void stop(SessionId id) {
        engine.stop(id);
    }

    /** How many sessions have started and not ended. */
    int live() {
        return live.size();
    }

    /** Why the last session for {@code pid} failed, if it did. */
    Optional<SessionFailure> lastFailure(int pid) {
        return Optional.ofNullable(lastFailure.get(pid));
    }

    private final class Tracking implements Listener {

        private final Listener loop;

        Tracking(Listener loop) {
            this.loop = loop;
        }

        @Override
        public void attached(SessionId id, Set<Integer> covered) {
            covered.forEach(lastFailure::remove);
            loop.attached(id, covered);
            changed.run();
        }

        @Override
        public void coverage(SessionId id, Set<Integer> covered) {
            loop.coverage(id, covered);
            changed.run();
        }

        @Override
        public void ended(SessionId id, Optional<SessionFailure> failure) {
            SessionSpec spec = live.remove(id);
            if (spec != null) {
                failure.ifPresentOrElse(f -> lastFailure.put(spec.target().pid(), f),
                        () -> lastFailure.remove(spec.target().pid()));
            }
            loop.ended(id, failure);
            changed.run();
        }
    }
}
