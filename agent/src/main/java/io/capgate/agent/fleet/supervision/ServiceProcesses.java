package io.capgate.agent.fleet.supervision;

import io.capgate.agent.fleet.discovery.DiscoveredProcess;
import io.capgate.agent.fleet.discovery.ProcessChanges;
import io.capgate.agent.fleet.discovery.ScanResult;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The processes discovery found, as the planner takes them.
 *
 * @param byService   each service's processes
 * @param uncertain   pids that could not be inspected in the scan: the planner never stops a session that covers
 *                    one, since it cannot tell whether the process still belongs to the service
 */
public record ServiceProcesses(Map<String, List<DiscoveredProcess>> byService, Set<Integer> uncertain) {

    /** Nothing found. */
    public static final ServiceProcesses NONE = new ServiceProcesses(Map.of(), Set.of());

    public ServiceProcesses {
        byService = Map.copyOf(byService);
        uncertain = Set.copyOf(uncertain);
    }

    /** From a scan. */
    public static ServiceProcesses of(ScanResult scan) {
        return new ServiceProcesses(scan.services(), scan.unreadablePids());
    }

    /** From a watcher's report: each service's current processes. */
    public static ServiceProcesses of(ProcessChanges changes) {
        Map<String, List<DiscoveredProcess>> current = new java.util.HashMap<>();
        changes.services().forEach((id, c) -> current.put(id, c.current()));
        return new ServiceProcesses(current, changes.uncertain());
    }

    /** One service's processes. */
    public List<DiscoveredProcess> of(String serviceId) {
        return byService.getOrDefault(serviceId, List.of());
    }
}
