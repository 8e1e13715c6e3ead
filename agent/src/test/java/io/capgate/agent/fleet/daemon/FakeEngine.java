package io.capgate.agent.fleet.daemon;

import io.capgate.agent.fleet.supervision.EngineSessions;
import io.capgate.agent.fleet.supervision.SessionFailure;
import io.capgate.agent.fleet.supervision.SessionId;
import io.capgate.agent.fleet.supervision.SessionSpec;
import io.capgate.agent.fleet.supervision.SessionStartException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Engine sessions without a kernel: attaches at once (or fails) and ends when stopped. Thread-safe. */
final class FakeEngine implements EngineSessions {

    private final Map<SessionId, SessionSpec> started = new LinkedHashMap<>();
    private final List<SessionId> stopped = new ArrayList<>();
    /** When set, start fails with it. */
    volatile SessionFailure refuse;

    @Override
    public void start(SessionId id, SessionSpec spec, Listener listener) throws SessionStartException {
        if (refuse != null) {
            throw new SessionStartException(refuse, null);
        }
        synchronized (this) {
            started.put(id, spec);
        }
        listener.attached(id, Set.of(spec.target().pid()));
        synchronized (this) {
            listeners.put(id, listener);
        }
    }

    private final Map<SessionId, Listener> listeners = new LinkedHashMap<>();

    @Override
    public void stop(SessionId id) {
        Listener listener;
        synchronized (this) {
            stopped.add(id);
            listener = listeners.remove(id);
        }
        if (listener != null) {
            listener.ended(id, Optional.empty());
        }
    }

    synchronized List<SessionSpec> started() {
        return List.copyOf(started.values());
    }

    /** Sessions started and not stopped. */
    synchronized List<SessionSpec> running() {
        return started.entrySet().stream().filter(e -> !stopped.contains(e.getKey())).map(Map.Entry::getValue)
                .toList();
    }
}
