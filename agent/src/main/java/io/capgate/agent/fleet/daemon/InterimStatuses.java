package io.capgate.agent.fleet.daemon;

import io.capgate.agent.fleet.discovery.DiscoveredProcess;
import io.capgate.agent.fleet.supervision.Assignment;
import io.capgate.agent.fleet.supervision.SessionBook;
import io.capgate.agent.fleet.supervision.SessionView;
import io.capgate.agent.fleet.supervision.SupervisionLoop;
import io.capgate.agent.fleet.supervision.ServiceProcesses;
import io.capgate.model.protocol.ProtectionState;
import io.capgate.model.protocol.ProtectionStatus;
import io.capgate.model.protocol.StatusReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Per service and process, whether it is protected, from the sessions the supervision loop keeps, the last scan
 * and the last failures: every pid an attached session of the service's current policy covers is PROTECTED; a
 * service process no such session covers is NOT_PROTECTED with its last failure (or "attaching"); a service
 * without any process is NOT_PROTECTED, NO_PROCESS, pid 0.
 */
final class InterimStatuses implements Supplier<List<ProtectionStatus>> {

    private final SupervisionLoop loop;
    private final SessionBook book;
    private final TrackedSessions sessions;
    private final Supplier<Map<String, Assignment>> assignments;
    private final Supplier<ServiceProcesses> processes;

    InterimStatuses(SupervisionLoop loop, SessionBook book, TrackedSessions sessions,
                    Supplier<Map<String, Assignment>> assignments, Supplier<ServiceProcesses> processes) {
        this.loop = loop;
        this.book = book;
        this.sessions = sessions;
        this.assignments = assignments;
        this.processes = processes;
    }

    @Override
    public List<ProtectionStatus> get() {
        List<SessionView> views;
        synchronized (loop) { // the loop guards its book with its own monitor
            views = book.sessions();
        }
        ServiceProcesses found = processes.get();
        List<ProtectionStatus> result = new ArrayList<>();
        assignments.get().forEach((service, assignment) -> {
            Set<Integer> covered = new TreeSet<>();
            views.stream().filter(v -> v.attached() && v.spec().serviceId().equals(service)
                    && v.spec().policy().equals(assignment.policy())).forEach(v -> covered.addAll(v.covered()));
            covered.forEach(pid -> result.add(new ProtectionStatus(service, pid, ProtectionState.PROTECTED,
                    StatusReason.NONE, "")));
            List<DiscoveredProcess> mine = found.of(service);
            for (DiscoveredProcess p : mine) {
                if (!covered.contains(p.pid())) {
                    result.add(sessions.lastFailure(p.pid())
                            .map(f -> notProtected(service, p.pid(), f.reason(), f.detail()))
                            .orElseGet(() -> notProtected(service, p.pid(), StatusReason.INTERNAL,
                                    "attaching the engine")));
                }
            }
            if (mine.isEmpty() && covered.isEmpty()) {
                result.add(notProtected(service, 0, StatusReason.NO_PROCESS, "no running process matches "
                        + assignment.matcher()));
            }
        });
        return result;
    }

    private static ProtectionStatus notProtected(String service, int pid, StatusReason reason, String detail) {
        return new ProtectionStatus(service, pid, ProtectionState.NOT_PROTECTED, reason,
                io.capgate.model.protocol.Limits.clip(detail, io.capgate.model.protocol.Limits.MAX_TEXT_BYTES));
    }
}
