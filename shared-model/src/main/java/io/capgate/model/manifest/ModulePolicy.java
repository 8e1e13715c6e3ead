package io.capgate.model.manifest;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One module's allowlist.
 *
 * @param capabilities named capability groups ({@code net.connect}, {@code fs.write}, ...), see the catalog
 * @param syscalls     extra syscalls by name, optionally with a variant suffix ({@code openat:write})
 * @param exec         absolute, canonical program paths the module may execute
 */
public record ModulePolicy(SortedSet<String> capabilities, SortedSet<String> syscalls, SortedSet<String> exec) {

    /** Syscalls made with no Python frame on the thread's stack: interpreter start-up, native threads. */
    public static final String INTERPRETER = "<interpreter>";
    /** Syscalls of processes after they executed another program (see docs/manifest.md). */
    public static final String EXEC = "<exec>";
    /** Code read from standard input (the REPL). */
    public static final String STDIN = "<stdin>";
    /** Code compiled from a string ({@code exec}, {@code python -c}). */
    public static final String STRING = "<string>";
    /** A non-standard-library file that maps to no known module (outside the app root and site dirs). */
    public static final String UNKNOWN = "<unknown>";

    public static final Set<String> PSEUDO_MODULES = Set.of(INTERPRETER, EXEC, STDIN, STRING, UNKNOWN);

    public static final ModulePolicy EMPTY = new ModulePolicy(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());

    public ModulePolicy {
        capabilities = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(capabilities, "capabilities")));
        syscalls = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(syscalls, "syscalls")));
        exec = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(exec, "exec")));
    }

    public static ModulePolicy of(Set<String> capabilities, Set<String> syscalls, Set<String> exec) {
        return new ModulePolicy(new TreeSet<>(capabilities), new TreeSet<>(syscalls), new TreeSet<>(exec));
    }

    public boolean isEmpty() {
        return capabilities.isEmpty() && syscalls.isEmpty() && exec.isEmpty();
    }
}
