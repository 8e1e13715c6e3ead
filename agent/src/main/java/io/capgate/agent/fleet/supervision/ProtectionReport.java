package io.capgate.agent.fleet.supervision;

import io.capgate.agent.fleet.discovery.DiscoveredProcess;
import io.capgate.model.protocol.Limits;
import io.capgate.model.protocol.ProtectionState;
import io.capgate.model.protocol.ProtectionStatus;
import io.capgate.model.protocol.StatusReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Whether each assigned service and each of its processes is protected, as ASSIGNMENT_STATUS reports it. A pure
 * function of the loop's state.
 *
 * <ul>
 *   <li>A process is {@code PROTECTED} when an attached session of the service's current policy covers it, or an
 *       attached session of an earlier policy still does (the detail says so: a new manifest or mode is attaching,
 *       or could not attach and the old enforcement stays).</li>
 *   <li>Otherwise it is {@code NOT_PROTECTED} with the reason of the last failure of its session; while a first
 *       session is still attaching there is no failure yet, and the reason is {@code INTERNAL} with a detail that
 *       says so (the protocol has no reason for "starting").</li>
 *   <li>A service without processes gets one pid 0 entry, {@code NO_PROCESS}. A failure that concerns the whole
 *       service ({@code NOT_ROOT}, {@code MANIFEST_INVALID}, {@code KERNEL_UNSUPPORTED}) shared by all its
 *       processes gets a pid 0 entry too, next to the per-process ones.</li>
 * </ul>
 */
final class ProtectionReport {

    /** Failures that no process of the service can escape: reported for the service as a whole too. */
    private static final Set<StatusReason> SERVICE_WIDE = Set.of(StatusReason.NOT_ROOT, StatusReason.MANIFEST_INVALID,
            StatusReason.KERNEL_UNSUPPORTED);

    private ProtectionReport() {
    }

    static List<ProtectionStatus> statuses(Map<String, Assignment> assignments, ServiceProcesses processes,
                                           List<SessionView> sessions,
                                           Function<SessionSpec, Optional<SessionFailure>> failures) {
        List<ProtectionStatus> statuses = new ArrayList<>();
        for (Assignment a : new TreeMap<>(assignments).values()) {
            List<DiscoveredProcess> found = processes.of(a.serviceId());
            if (found.isEmpty()) {
                statuses.add(notProtected(a.serviceId(), 0, StatusReason.NO_PROCESS,
                        "no running process matches the service"));
                continue;
            }
            List<ProtectionStatus> mine = new ArrayList<>();
            for (DiscoveredProcess p : found.stream().sorted(java.util.Comparator.comparing(DiscoveredProcess::id))
                    .toList()) {
                mine.add(status(a, p, sessions, failures));
            }
            serviceWide(a.serviceId(), mine).ifPresent(statuses::add);
            statuses.addAll(mine);
        }
        return statuses;
    }

    private static ProtectionStatus status(Assignment a, DiscoveredProcess p, List<SessionView> sessions,
                                           Function<SessionSpec, Optional<SessionFailure>> failures) {
        Policy policy = a.policy();
        List<SessionView> covering = sessions.stream()
                .filter(s -> s.spec().serviceId().equals(a.serviceId()) && s.covers(p.pid())).toList();
        if (covering.stream().anyMatch(s -> s.spec().policy().equals(policy))) {
            return new ProtectionStatus(a.serviceId(), p.pid(), ProtectionState.PROTECTED, StatusReason.NONE,
                    detail(policy.toString()));
        }
        Optional<SessionView> old = covering.stream().findFirst();
        Optional<SessionFailure> failure = failures.apply(new SessionSpec(a.serviceId(), p.id(), policy));
        if (old.isPresent()) {
            String why = failure.map(f -> "; the new policy failed: " + f).orElse("; the new policy is attaching");
            return new ProtectionStatus(a.serviceId(), p.pid(), ProtectionState.PROTECTED, StatusReason.NONE,
                    detail("still protected by the previous policy " + old.get().spec().policy() + " until "
                            + policy + " attaches" + why));
        }
        return failure.map(f -> notProtected(a.serviceId(), p.pid(), f.reason(), f.detail()))
                .orElseGet(() -> notProtected(a.serviceId(), p.pid(), StatusReason.INTERNAL,
                        "the engine is attaching (" + policy + "); no failure so far"));
    }

    private static Optional<ProtectionStatus> serviceWide(String serviceId, List<ProtectionStatus> processes) {
        StatusReason first = processes.getFirst().reason();
        boolean shared = SERVICE_WIDE.contains(first) && processes.stream().allMatch(s -> s.reason() == first);
        return shared ? Optional.of(notProtected(serviceId, 0, first, processes.getFirst().detail()))
                : Optional.empty();
    }

    private static ProtectionStatus notProtected(String serviceId, int pid, StatusReason reason, String detail) {
        return new ProtectionStatus(serviceId, pid, ProtectionState.NOT_PROTECTED, reason, detail(detail));
    }

    private static String detail(String text) {
        return Limits.clip(text, Limits.MAX_TEXT_BYTES);
    }
}
