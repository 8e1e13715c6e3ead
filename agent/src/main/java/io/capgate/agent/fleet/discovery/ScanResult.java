package io.capgate.agent.fleet.discovery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one pass over {@code /proc} found.
 *
 * @param at         when the scan ran
 * @param services   per service id, its matching processes ordered by pid; every watched service has an entry
 * @param unreadablePids processes that could not be inspected (access denied, unparsable), so a service whose
 *                       processes this agent may not read shows up rather than stays silent
 * @param problems       the first few reasons for {@code unreadablePids}
 */
public record ScanResult(Instant at, Map<String, List<DiscoveredProcess>> services, Set<Integer> unreadablePids,
                         List<String> problems) {

    public ScanResult {
        TreeMap<String, List<DiscoveredProcess>> copy = new TreeMap<>();
        services.forEach((id, processes) -> copy.put(id, List.copyOf(processes)));
        services = java.util.Collections.unmodifiableMap(copy);
        unreadablePids = Set.copyOf(unreadablePids);
        problems = List.copyOf(problems);
    }

    /** How many processes could not be inspected. */
    public int unreadable() {
        return unreadablePids.size();
    }

    /** The processes of one service; empty when none match or the service is not watched. */
    public List<DiscoveredProcess> processes(String serviceId) {
        return services.getOrDefault(serviceId, List.of());
    }
}
