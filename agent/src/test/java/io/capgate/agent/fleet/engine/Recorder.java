package io.capgate.agent.fleet.engine;

import io.capgate.agent.fleet.supervision.EngineOutput;
import io.capgate.agent.fleet.supervision.EngineSessions;
import io.capgate.agent.fleet.supervision.SessionFailure;
import io.capgate.agent.fleet.supervision.SessionId;
import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Records what engine sessions deliver and report, with when. */
final class Recorder implements EngineOutput, EngineSessions.Listener {

    final List<List<ObservationEntry>> windows = new CopyOnWriteArrayList<>();
    final List<Violation> violations = new CopyOnWriteArrayList<>();
    final AtomicLong lost = new AtomicLong();
    final Map<SessionId, Long> attachedAt = new ConcurrentHashMap<>();
    final Map<SessionId, Set<Integer>> covered = new ConcurrentHashMap<>();
    final Map<SessionId, Optional<SessionFailure>> ended = new ConcurrentHashMap<>();

    @Override
    public void observations(List<ObservationEntry> entries) {
        windows.add(List.copyOf(entries));
    }

    @Override
    public void violation(Violation violation) {
        violations.add(violation);
    }

    @Override
    public void kernelEventsLost(String serviceId, long events) {
        lost.addAndGet(events);
    }

    @Override
    public void attached(SessionId id, Set<Integer> pids) {
        attachedAt.put(id, System.nanoTime());
        covered.put(id, pids);
    }

    @Override
    public void coverage(SessionId id, Set<Integer> pids) {
        covered.put(id, pids);
    }

    @Override
    public void ended(SessionId id, Optional<SessionFailure> failure) {
        ended.put(id, failure);
    }

    long violations(String module, String syscall) {
        return violations.stream().filter(v -> v.module().equals(module) && v.syscall().equals(syscall)).count();
    }

    long observed(String module, String syscall) {
        return windows.stream().flatMap(List::stream)
                .filter(e -> e.module().equals(module) && e.syscall().equals(syscall))
                .mapToLong(ObservationEntry::count).sum();
    }
}
