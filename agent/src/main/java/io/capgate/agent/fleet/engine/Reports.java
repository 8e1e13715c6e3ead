package io.capgate.agent.fleet.engine;

import io.capgate.agent.fleet.supervision.EngineOutput;
import io.capgate.agent.fleet.supervision.EngineSessions;
import io.capgate.agent.fleet.supervision.SessionFailure;
import io.capgate.agent.fleet.supervision.SessionId;
import io.capgate.agent.fleet.supervision.SessionSpec;
import io.capgate.agent.supervise.ObservationWindow;
import io.capgate.agent.supervise.SessionControl;
import io.capgate.agent.supervise.Violation;
import io.capgate.model.protocol.ObservationEntry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One session's reports, turned into listener calls and protocol records. Runs on the engine's output thread: a
 * failing sink is reported as a notice and never stops the engine's output from being read.
 */
final class Reports implements SessionControl.Listener {

    private final SessionId id;
    private final SessionSpec spec;
    private final EngineSessions.Listener listener;
    private final EngineOutput output;
    private final Consumer<String> notices;
    private Set<Integer> covered;
    private boolean attached;

    Reports(SessionId id, SessionSpec spec, EngineSessions.Listener listener, EngineOutput output,
            Consumer<String> notices) {
        this.id = id;
        this.spec = spec;
        this.listener = listener;
        this.output = output;
        this.notices = notices;
        this.covered = Set.of(spec.target().pid());
    }

    /**
     * The engine is attached: the target and whatever it forked since READY. Reported under this object's lock, as
     * coverage is, so the listener never sees a coverage change before the attach it follows.
     */
    synchronized void attached() {
        attached = true;
        listener.attached(id, covered);
    }

    void violation(Violation v) {
        guard("violation", () -> output.violation(ProtocolRecords.violation(spec.serviceId(), v)));
    }

    void ended(Optional<SessionFailure> failure) {
        listener.ended(id, failure);
    }

    @Override
    public void window(ObservationWindow window) {
        guard("observations", () -> {
            List<ObservationEntry> entries = ProtocolRecords.observations(spec.serviceId(), window);
            if (!entries.isEmpty()) {
                output.observations(entries);
            }
        });
    }

    @Override
    public void eventsLost(long events) {
        guard("lost events", () -> output.kernelEventsLost(spec.serviceId(), events));
    }

    @Override
    public synchronized void coverage(Set<Integer> pids) {
        covered = Set.copyOf(pids);
        if (attached) {
            listener.coverage(id, covered);
        }
    }

    private void guard(String what, Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            notices.accept(id + ": could not deliver " + what + " of " + spec.serviceId() + ": " + e);
        }
    }
}
