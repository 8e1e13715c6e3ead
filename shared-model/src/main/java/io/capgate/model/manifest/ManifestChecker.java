package io.capgate.model.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.SyscallTable;
import io.capgate.model.trace.Trace;

/**
 * Compares what a trace observed with what a manifest allows: the offline form of enforcement, used by
 * {@code capgate check} and by reviewers before a manifest goes live.
 *
 * <p>The manifest is {@linkplain ResolvedPolicy resolved} for the trace's architecture, so a module is judged by
 * its effective policy: defaults, its capability groups and its syscalls; modules the manifest does not name get
 * the defaults only. Variants count: an observed {@code openat:write} needs {@code openat:write}, not
 * {@code openat}. Observed names the syscall table does not know are never allowed.
 */
public final class ManifestChecker {

    /**
     * Something a module did that the manifest does not allow.
     *
     * @param module the module as named in the trace
     * @param kind   {@link #SYSCALL} or {@link #EXEC}
     * @param name   the full syscall name or the program path
     * @param count  how often the trace saw it
     */
    public record Finding(String module, String kind, String name, long count) {

        /** A syscall the module may not make. */
        public static final String SYSCALL = "syscall";
        /** A program the module may not execute. */
        public static final String EXEC = "exec";

        /** Rejects nulls and unknown kinds. */
        public Finding {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            if (!kind.equals(SYSCALL) && !kind.equals(EXEC)) {
                throw new IllegalArgumentException("kind must be syscall or exec, got " + ManifestGrammar.show(kind));
            }
        }
    }

    private ManifestChecker() {
    }

    /**
     * Every observed (module, syscall) and (module, exec) the manifest does not allow, ordered by module, then
     * syscalls before exec, then name. Empty when the manifest covers the trace.
     *
     * @throws IllegalArgumentException when the trace's arch is unknown or the manifest does not resolve for it
     */
    public static List<Finding> check(Trace trace, Manifest manifest) {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(manifest, "manifest");
        Arch arch = Arch.fromId(trace.arch());
        ResolvedPolicy policy = ResolvedPolicy.resolve(manifest, arch);
        SyscallTable table = SyscallTable.of(arch);
        List<Finding> findings = new ArrayList<>();
        trace.modules().forEach((module, observed) -> {
            observed.syscalls().forEach((name, count) -> {
                if (!policy.allows(module, index(table, name))) {
                    findings.add(new Finding(module, Finding.SYSCALL, name, count));
                }
            });
            observed.exec().forEach((path, count) -> {
                if (!policy.exec(module).contains(path)) {
                    findings.add(new Finding(module, Finding.EXEC, path, count));
                }
            });
        });
        return List.copyOf(findings);
    }

    /** The kernel index of an observed name, or -1 when the table does not know it. */
    private static int index(SyscallTable table, String name) {
        try {
            return table.index(name);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
