package io.capgate.agent.fleet.daemon;

import io.capgate.agent.fleet.supervision.EngineSessions;
import io.capgate.agent.fleet.supervision.SessionFailure;
import io.capgate.agent.fleet.supervision.SessionId;
import io.capgate.agent.fleet.supervision.SessionSpec;
import io.capgate.agent.fleet.supervision.SessionStartException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sits between the supervision loop and the engine and counts the sessions that started and have not ended, so a
 * clean shutdown can wait until every session has detached. Everything else passes through.
 */
final class TrackedSessions implements EngineSessions {

    private final EngineSessions engine;
    private final Set<SessionId> live = ConcurrentHashMap.newKeySet();

    TrackedSessions(EngineSessions engine) {
        this.engine = engine;
    }

    @Override
    public void start(SessionId id, SessionSpec spec, Listener listener) throws SessionStartException {
        live.add(id); // before start: the engine may report the end before start returns
        try {
            engine.start(id, spec, new Tracking(listener));
        } catch (SessionStartException | RuntimeException e) {
            ended(id);
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

    /** Waits until every session has ended, at most {@code timeout}; returns whether they all did. */
    synchronized boolean awaitNone(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!live.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private synchronized void ended(SessionId id) {
        live.remove(id);
        notifyAll();
    }

    private final class Tracking implements Listener {

        private final Listener loop;

        Tracking(Listener loop) {
            this.loop = loop;
        }

        @Override
        public void attached(SessionId id, Set<Integer> covered) {
            loop.attached(id, covered);
        }

        @Override
        public void coverage(SessionId id, Set<Integer> covered) {
            loop.coverage(id, covered);
        }

        @Override
        public void ended(SessionId id, Optional<SessionFailure> failure) {
            TrackedSessions.this.ended(id);
            loop.ended(id, failure);
        }
    }
}
