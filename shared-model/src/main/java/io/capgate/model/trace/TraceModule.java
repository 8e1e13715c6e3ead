package io.capgate.model.trace;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One module's observed behaviour.
 *
 * @param syscalls syscall name (with variant suffix such as {@code openat:write}) to count
 * @param exec     canonical program path to count of successful executions
 * @param sampleStack one Python stack seen for this module, innermost first, as {@code file:function:line}
 */
public record TraceModule(SortedMap<String, Long> syscalls, SortedMap<String, Long> exec, List<String> sampleStack) {

    public TraceModule {
        syscalls = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(syscalls, "syscalls")));
        exec = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(exec, "exec")));
        sampleStack = List.copyOf(sampleStack == null ? List.of() : sampleStack);
    }
}
