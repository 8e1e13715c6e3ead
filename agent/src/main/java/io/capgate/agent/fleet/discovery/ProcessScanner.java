package io.capgate.agent.fleet.discovery;

import io.capgate.agent.os.NoSuchProcessException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One pass over the process table: which processes belong to which service. */
public final class ProcessScanner {

    /** Resolves symlinks in this (agent) process's mount namespace. */
    public static final ServiceMatcher.PathResolver HOST_PATHS = ProcessScanner::realPath;

    private static final int MAX_PROBLEMS = 5;

    private final ProcessTable table;
    private final ServiceMatcher.PathResolver paths;
    private final Clock clock;

    /**
     * Creates a scanner.
     *
     * @param table what to read, {@link LinuxProcessTable} in production
     * @param paths resolves a spec's executable path, {@link #HOST_PATHS} in production
     * @param clock stamps each result
     */
    public ProcessScanner(ProcessTable table, ServiceMatcher.PathResolver paths, Clock clock) {
        this.table = table;
        this.paths = paths;
        this.clock = clock;
    }

    /**
     * Finds the processes of each service. A process may belong to several services (two specs can match it);
     * it is listed under each. Processes that exit during the scan are left out.
     *
     * @param services matcher per service id
     * @throws IOException when the process table itself cannot be listed
     */
    public ScanResult scan(Map<String, MatcherSpec> services) throws IOException {
        Map<String, ServiceMatcher> matchers = new LinkedHashMap<>();
        Map<String, List<DiscoveredProcess>> found = new LinkedHashMap<>();
        services.forEach((id, spec) -> {
            matchers.put(id, ServiceMatcher.prepare(spec, paths));
            found.put(id, new ArrayList<>());
        });
        Set<Integer> unreadable = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (int pid : matchers.isEmpty() ? List.<Integer>of() : table.pids()) {
            ProcessFacts facts = new ProcessFacts(table, pid);
            try {
                DiscoveredProcess discovered = null;
                for (Map.Entry<String, ServiceMatcher> m : matchers.entrySet()) {
                    if (m.getValue().matches(facts)) {
                        discovered = discovered != null ? discovered : facts.toDiscovered();
                        found.get(m.getKey()).add(discovered);
                    }
                }
            } catch (NoSuchProcessException e) {
                // exited since the listing, or a kernel thread without an executable: not a service process
            } catch (IOException e) {
                unreadable.add(pid);
                if (problems.size() < MAX_PROBLEMS) {
                    problems.add("pid " + pid + ": " + e);
                }
            }
        }
        return new ScanResult(clock.instant(), found, unreadable, problems);
    }

    private static Optional<Path> realPath(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
