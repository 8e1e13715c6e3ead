package io.capgate.agent.fleet.discovery;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The difference between two scans, per service.
 *
 * @param at       when the later scan ran
 * @param services  per watched service id (and per service that was unwatched since the last scan), its changes
 * @param uncertain pids the later scan could not inspect: they may belong to a service without being listed
 */
public record ProcessChanges(Instant at, Map<String, ServiceChanges> services, Set<Integer> uncertain) {

    public ProcessChanges {
        services = Collections.unmodifiableMap(new TreeMap<>(services));
        uncertain = Set.copyOf(uncertain);
    }

    /** True when some process appeared or is gone. */
    public boolean any() {
        return services.values().stream().anyMatch(ServiceChanges::any);
    }

    /** The changes of one service; none when it is not watched. */
    public ServiceChanges service(String serviceId) {
        return services.getOrDefault(serviceId, ServiceChanges.NONE);
    }

    /**
     * One service's processes now and how they changed.
     *
     * @param current  its processes in the later scan
     * @param appeared processes in the later scan but not the earlier one
     * @param gone     processes in the earlier scan but not the later one (exited, no longer matching, or the
     *                 service is no longer watched); a reused pid is gone and appeared at once
     */
    public record ServiceChanges(List<DiscoveredProcess> current, List<DiscoveredProcess> appeared,
                                 List<ProcessId> gone) {

        static final ServiceChanges NONE = new ServiceChanges(List.of(), List.of(), List.of());

        public ServiceChanges {
            current = List.copyOf(current);
            appeared = List.copyOf(appeared);
            gone = List.copyOf(gone);
        }

        /** True when some process appeared or is gone. */
        public boolean any() {
            return !appeared.isEmpty() || !gone.isEmpty();
        }
    }
}
