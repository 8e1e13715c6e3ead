package io.capgate.agent.fleet.discovery;

import java.nio.file.Path;
import java.util.List;

/**
 * A process that matched a service.
 *
 * @param id          pid and start time
 * @param parentPid   the parent's pid (a service's workers usually share its master's executable)
 * @param executable  what {@code /proc/PID/exe} shows, without a {@code " (deleted)"} suffix
 * @param deleted     true when the executable was deleted or replaced since the process started
 * @param commandLine the arguments, {@code argv[0]} first
 */
public record DiscoveredProcess(ProcessId id, int parentPid, Path executable, boolean deleted,
                                List<String> commandLine) {

    public DiscoveredProcess {
        commandLine = List.copyOf(commandLine);
    }

    /** The pid. */
    public int pid() {
        return id.pid();
    }
}
