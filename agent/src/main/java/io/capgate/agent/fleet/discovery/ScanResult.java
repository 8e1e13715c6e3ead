package io.capgate.agent.fleet.discovery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one pass over {@code /proc} found.
 *
 * @param at         when the scan ran
 * @param services   per service id, its matching processes ordered by pid; every watched service has an entry
 * @param unreadable processes that could not be inspected (access denied, unparsable), so a service whose
 *                   processes this agent may not read shows up as a count rather than as silence
 * @param problems   the first few reasons for {@code unreadable}
 */
public record ScanResult(Instant at, Map<String, List<DiscoveredProcess>> services, int unreadable,
                         List<String> problems) {

    public ScanResult {
        TreeMap<String, List<DiscoveredProcess>> copy = new TreeMap<>();
        services.forEach((id, processes) -> copy.put(id, List.copyOf(processes)));
        services = java.util.Collections.unmodifiableMap(copy);
        problems = List.copyOf(problems);
    }

    /** The processes of one service; empty when none match or the service is not watched. */
    public List<DiscoveredProcess> processes(String serviceId) {
        return services.getOrDefault(serviceId, List.of());
    }
}
