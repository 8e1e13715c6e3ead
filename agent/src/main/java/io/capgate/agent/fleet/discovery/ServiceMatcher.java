package io.capgate.agent.fleet.discovery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A {@link MatcherSpec} ready to test processes during one scan: an executable spec carries the paths its
 * processes may show as {@code /proc/PID/exe} (as written and with symlinks resolved, see
 * {@link MatcherSpec.Executable}), resolved when the scan starts so an interpreter switched by
 * {@code update-alternatives} is followed.
 */
public final class ServiceMatcher {

    private final MatcherSpec spec;
    private final Set<Path> executables;

    private ServiceMatcher(MatcherSpec spec, Set<Path> executables) {
        this.spec = spec;
        this.executables = executables;
    }

    /**
     * Prepares a spec for one scan.
     *
     * @param realPath resolves symlinks on this host; {@link ProcessScanner#HOST_PATHS} in production
     */
    public static ServiceMatcher prepare(MatcherSpec spec, PathResolver realPath) {
        if (spec instanceof MatcherSpec.Executable e) {
            // Set.copyOf: the spec's path is often its own real path already.
            return new ServiceMatcher(spec, realPath.resolve(e.path()).map(r -> Set.copyOf(List.of(e.path(), r)))
                    .orElse(Set.of(e.path())));
        }
        return new ServiceMatcher(spec, Set.of());
    }

    /** The spec. */
    public MatcherSpec spec() {
        return spec;
    }

    /**
     * Whether a process belongs to the service.
     *
     * @throws IOException when the process cannot be read (gone, access denied)
     */
    public boolean matches(ProcessFacts process) throws IOException {
        return switch (spec) {
            case MatcherSpec.Executable e -> executables.contains(process.executable())
                    && (e.argumentPattern().isEmpty()
                        || e.argumentPattern().get().matcher(String.join(" ", process.commandLine())).find());
            case MatcherSpec.SystemdUnit u -> inUnit(process, u.unit());
        };
    }

    private static boolean inUnit(ProcessFacts process, String unit) throws IOException {
        for (String line : process.cgroups()) {
            // hierarchy-ID:controllers:path; the path is everything after the second colon
            int first = line.indexOf(':');
            int second = first < 0 ? -1 : line.indexOf(':', first + 1);
            if (second < 0) {
                continue;
            }
            for (String component : line.substring(second + 1).split("/")) {
                if (component.equals(unit)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Resolves symlinks; empty when the path does not exist. */
    @FunctionalInterface
    public interface PathResolver {

        /** The real path of {@code path}, or empty when it cannot be resolved. */
        java.util.Optional<Path> resolve(Path path);
    }
}
