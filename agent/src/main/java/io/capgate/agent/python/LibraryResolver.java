package io.capgate.agent.python;

import io.capgate.agent.os.CommandRunner;
import io.capgate.agent.python.elf.ElfDynamic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the file the dynamic loader would load for a {@code DT_NEEDED} soname, in ld.so(8)
 * order: {@code DT_RPATH} (only without {@code DT_RUNPATH}), {@code LD_LIBRARY_PATH},
 * {@code DT_RUNPATH}, the ld.so cache ({@code ldconfig -p}), then the default directories.
 * {@code $ORIGIN} expands to the directory of the binary; other tokens are not supported.
 */
public final class LibraryResolver {

    private static final List<String> DEFAULT_DIRS = List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
            "/lib64", "/usr/lib64", "/lib", "/usr/lib");
    private static final List<String> LDCONFIG = List.of("/sbin/ldconfig", "/usr/sbin/ldconfig");

    private final CommandRunner runner;
    private final String ldLibraryPath;
    private volatile Map<String, String> cache;

    /**
     * Creates a resolver; the ld.so cache is read once, on first need.
     *
     * @param runner runs {@code ldconfig -p}
     * @param ldLibraryPath the {@code LD_LIBRARY_PATH} the interpreter will run with, or null
     */
    public LibraryResolver(CommandRunner runner, String ldLibraryPath) {
        this.runner = runner;
        this.ldLibraryPath = ldLibraryPath;
    }

    /**
     * The file for {@code soname} needed by the binary at {@code binary}.
     *
     * @param soname e.g. {@code libpython3.11.so.1.0}
     * @param dynamic the binary's dynamic section
     * @param binary the binary's real path (for {@code $ORIGIN})
     */
    public Optional<Path> resolve(String soname, ElfDynamic dynamic, Path binary) throws IOException {
        if (soname.contains("/")) {
            return existing(Path.of(soname));
        }
        Path origin = binary.toAbsolutePath().getParent();
        List<String> dirs = new ArrayList<>();
        if (dynamic.runPath().isEmpty()) {
            dirs.addAll(dynamic.rpath());
        }
        if (ldLibraryPath != null) {
            dirs.addAll(List.of(ldLibraryPath.split(":")));
        }
        dirs.addAll(dynamic.runPath());
        for (String dir : dirs) {
            Optional<Path> found = existing(Path.of(expand(dir, origin)).resolve(soname));
            if (found.isPresent()) {
                return found;
            }
        }
        String cached = ldconfigCache().get(soname);
        if (cached != null && Files.isRegularFile(Path.of(cached))) {
            return Optional.of(Path.of(cached));
        }
        return inDirectories(soname, DEFAULT_DIRS.stream().map(Path::of).toList());
    }

    /** The first {@code dir/soname} that exists. */
    public static Optional<Path> inDirectories(String soname, List<Path> dirs) {
        for (Path dir : dirs) {
            Optional<Path> found = existing(dir.resolve(soname));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static String expand(String dir, Path origin) {
        String originText = origin == null ? "." : origin.toString();
        String expanded = dir.replace("${ORIGIN}", originText).replace("$ORIGIN", originText);
        return expanded.isEmpty() ? "." : expanded;
    }

    private static Optional<Path> existing(Path candidate) {
        return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    private Map<String, String> ldconfigCache() throws IOException {
        Map<String, String> result = cache;
        if (result == null) {
            result = Map.of();
            for (String ldconfig : LDCONFIG) {
                if (Files.isExecutable(Path.of(ldconfig))) {
                    CommandRunner.Result run = runner.run(List.of(ldconfig, "-p"), null, Map.of(), Duration.ofSeconds(10));
                    result = run.exitCode() == 0 ? parseLdconfig(run.stdout()) : Map.of();
                    break;
                }
            }
            cache = result;
        }
        return result;
    }

    /**
     * Parses {@code ldconfig -p} lines such as
     * {@code libpython3.11.so.1.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libpython3.11.so.1.0},
     * keeping x86-64 entries (first one wins, as in the cache's priority order).
     */
    static Map<String, String> parseLdconfig(String output) {
        Map<String, String> entries = new java.util.HashMap<>();
        for (String line : output.split("\n")) {
            int arrow = line.indexOf(" => ");
            int paren = line.indexOf(" (");
            if (arrow < 0 || paren < 0 || paren > arrow || !line.substring(paren, arrow).contains("x86-64")) {
                continue;
            }
            entries.putIfAbsent(line.substring(0, paren).strip(), line.substring(arrow + 4).strip());
        }
        return Map.copyOf(entries);
    }
}
