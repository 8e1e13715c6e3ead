package io.capgate.agent.fleet.supervision;

import io.capgate.model.protocol.StatusReason;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Records starts and stops; the test plays the engine's reports through {@link #attach} and friends. */
final class FakeEngineSessions implements EngineSessions {

    final Map<SessionId, SessionSpec> started = new LinkedHashMap<>();
    final List<SessionId> stopped = new ArrayList<>();
    /** When set, start fails with this message. */
    String refuse;
    /** The reason start fails with when {@link #refuse} is set. */
    StatusReason refuseReason = StatusReason.BPFTRACE_FAILED;
    /** When true, start reports attaching before it returns, as a fast engine might. */
    boolean attachAtOnce;
    private Listener listener;

    @Override
    public void start(SessionId id, SessionSpec spec, Listener listener) throws SessionStartException {
        this.listener = listener;
        if (refuse != null) {
            throw new SessionStartException(new SessionFailure(refuseReason, refuse), null);
        }
        started.put(id, spec);
        if (attachAtOnce) {
            listener.attached(id, Set.of(spec.target().pid()));
        }
    }

    @Override
    public void stop(SessionId id) {
        stopped.add(id);
    }

    SessionId last() {
        return List.copyOf(started.keySet()).get(started.size() - 1);
    }

    void attach(SessionId id, Integer... covered) {
        listener.attached(id, Set.of(covered));
    }

    void coverage(SessionId id, Integer... covered) {
        listener.coverage(id, Set.of(covered));
    }

    void fail(SessionId id, StatusReason reason, String detail) {
        listener.ended(id, Optional.of(new SessionFailure(reason, detail)));
    }

    void end(SessionId id, String failure) {
        listener.ended(id, Optional.ofNullable(failure).map(f -> new SessionFailure(StatusReason.BPFTRACE_FAILED, f)));
    }
}
