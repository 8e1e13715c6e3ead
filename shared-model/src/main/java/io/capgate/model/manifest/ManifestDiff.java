package io.capgate.model.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import io.capgate.model.syscalls.CapabilityCatalog;
import io.capgate.model.syscalls.CapabilityGroup;

/**
 * What changed between two manifests, for review: header fields, the defaults and every module.
 *
 * <p>An addition is {@linkplain Change#risky() risky} when it adds a risky capability group, any exec entry,
 * or a syscall that is a member of a risky group; names the catalog does not know (a raw {@code syscall_<n>}, an
 * unknown group) count as risky too. Removals are never risky. {@link #toText()} renders the unified style
 * reviewers read, {@link #toJson()} the same for tools.
 */
public final class ManifestDiff {

    /** Kind of a {@link Change} to {@code capabilities}. */
    public static final String CAPABILITY = "capability";
    /** Kind of a {@link Change} to {@code syscalls}. */
    public static final String SYSCALL = "syscall";
    /** Kind of a {@link Change} to {@code exec}. */
    public static final String EXEC = "exec";

    /** What happened to a module (the defaults are only ever changed or unchanged). */
    public enum Status {
        ADDED, REMOVED, CHANGED, UNCHANGED;

        /** The lower-case name used in JSON. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One entry added to or removed from a policy.
     *
     * @param kind  {@link #CAPABILITY}, {@link #SYSCALL} or {@link #EXEC}
     * @param name  the group, full syscall name or program path
     * @param added true for an addition, false for a removal
     * @param risky whether the addition needs a closer look; always false for removals
     */
    public record Change(String kind, String name, boolean added, boolean risky) {
    }

    /**
     * The changes of one policy.
     *
     * @param module  the module name, or {@link #DEFAULTS} for the defaults
     * @param status  added, removed, changed or unchanged
     * @param changes by kind (capabilities, syscalls, exec), removals first, then by name
     */
    public record PolicyChange(String module, Status status, List<Change> changes) {

        /** The subject name of the defaults' change; no module can have this name. */
        public static final String DEFAULTS = "(defaults)";

        /** Copies the changes. */
        public PolicyChange {
            changes = List.copyOf(changes);
        }

        /** Whether any addition is risky. */
        public boolean risky() {
            return changes.stream().anyMatch(Change::risky);
        }

        /** Capability groups added. */
        public SortedSet<String> capabilitiesAdded() {
            return names(CAPABILITY, true);
        }

        /** Capability groups removed. */
        public SortedSet<String> capabilitiesRemoved() {
            return names(CAPABILITY, false);
        }

        /** Syscalls added (full names). */
        public SortedSet<String> syscallsAdded() {
            return names(SYSCALL, true);
        }

        /** Syscalls removed (full names). */
        public SortedSet<String> syscallsRemoved() {
            return names(SYSCALL, false);
        }

        /** Programs added to {@code exec}. */
        public SortedSet<String> execAdded() {
            return names(EXEC, true);
        }

        /** Programs removed from {@code exec}. */
        public SortedSet<String> execRemoved() {
            return names(EXEC, false);
        }

        private SortedSet<String> names(String kind, boolean added) {
            SortedSet<String> names = new TreeSet<>();
            changes.stream().filter(c -> c.kind().equals(kind) && c.added() == added).forEach(c -> names.add(c.name()));
            return names;
        }
    }

    /**
     * A changed header field.
     *
     * @param field    apiVersion, service, arch or python
     * @param oldValue the value before
     * @param newValue the value after
     */
    public record FieldChange(String field, String oldValue, String newValue) {
    }

    private final List<FieldChange> fields;
    private final PolicyChange defaults;
    private final List<PolicyChange> modules;

    private ManifestDiff(List<FieldChange> fields, PolicyChange defaults, List<PolicyChange> modules) {
        this.fields = List.copyOf(fields);
        this.defaults = defaults;
        this.modules = List.copyOf(modules);
    }

    /** The changes that turn {@code old} into {@code neu}. */
    public static ManifestDiff between(Manifest old, Manifest neu) {
        Objects.requireNonNull(old, "old");
        Objects.requireNonNull(neu, "neu");
        List<FieldChange> fields = new ArrayList<>();
        field(fields, "apiVersion", old, neu, Manifest::apiVersion);
        field(fields, "service", old, neu, Manifest::service);
        field(fields, "arch", old, neu, Manifest::arch);
        field(fields, "python", old, neu, Manifest::python);
        Risk risk = new Risk(CapabilityCatalog.standard());
        PolicyChange defaults = policy(PolicyChange.DEFAULTS, old.defaults(), neu.defaults(), risk, Status.CHANGED);
        Set<String> names = new TreeSet<>(old.modules().keySet());
        names.addAll(neu.modules().keySet());
        List<PolicyChange> modules = new ArrayList<>();
        for (String name : names) {
            boolean before = old.modules().containsKey(name);
            boolean after = neu.modules().containsKey(name);
            Status status = !before ? Status.ADDED : !after ? Status.REMOVED : Status.CHANGED;
            modules.add(policy(name, old.module(name), neu.module(name), risk, status));
        }
        return new ManifestDiff(fields, defaults, modules);
    }

    /** Changed header fields, in canonical key order. */
    public List<FieldChange> fields() {
        return fields;
    }

    /** The defaults' changes, module {@link PolicyChange#DEFAULTS}. */
    public PolicyChange defaults() {
        return defaults;
    }

    /** Every module of either manifest, unchanged ones included, sorted by name. */
    public List<PolicyChange> modules() {
        return modules;
    }

    /** The change of one module, if either manifest names it. */
    public Optional<PolicyChange> module(String name) {
        return modules.stream().filter(m -> m.module().equals(name)).findFirst();
    }

    /** Whether the manifests allow exactly the same (header fields included). */
    public boolean isEmpty() {
        return fields.isEmpty() && defaults.status() == Status.UNCHANGED
                && modules.stream().allMatch(m -> m.status() == Status.UNCHANGED);
    }

    /** Whether any addition is risky. */
    public boolean risky() {
        return defaults.risky() || modules.stream().anyMatch(PolicyChange::risky);
    }

    /**
     * One line per change, unified-diff style: {@code - python: 3.11}, {@code + app.main: module},
     * {@code + app.main: capability proc.spawn  [risky]}. Unchanged modules are left out; an empty diff is "".
     */
    public String toText() {
        return DiffRenderer.text(this);
    }

    /** The diff as JSON: {@code empty}, {@code risky}, {@code fields}, {@code defaults} and {@code modules}. */
    public String toJson() {
        return DiffRenderer.json(this);
    }

    @Override
    public String toString() {
        return toText();
    }

    private static void field(List<FieldChange> fields, String name, Manifest old, Manifest neu,
                              Function<Manifest, String> value) {
        if (!value.apply(old).equals(value.apply(neu))) {
            fields.add(new FieldChange(name, value.apply(old), value.apply(neu)));
        }
    }

    private static PolicyChange policy(String module, ModulePolicy old, ModulePolicy neu, Risk risk, Status status) {
        List<Change> changes = new ArrayList<>();
        entries(changes, CAPABILITY, old.capabilities(), neu.capabilities(), risk::capability);
        entries(changes, SYSCALL, old.syscalls(), neu.syscalls(), risk::syscall);
        entries(changes, EXEC, old.exec(), neu.exec(), path -> true);
        Status actual = status == Status.CHANGED && changes.isEmpty() ? Status.UNCHANGED : status;
        return new PolicyChange(module, actual, changes);
    }

    private static void entries(List<Change> changes, String kind, SortedSet<String> old, SortedSet<String> neu,
                                Predicate<String> risky) {
        old.stream().filter(n -> !neu.contains(n)).forEach(n -> changes.add(new Change(kind, n, false, false)));
        neu.stream().filter(n -> !old.contains(n)).forEach(n -> changes.add(new Change(kind, n, true, risky.test(n))));
    }

    /** The risk rules, over the catalog. */
    private record Risk(CapabilityCatalog catalog) {

        boolean capability(String group) {
            return catalog.group(group).map(CapabilityGroup::risky).orElse(true);
        }

        boolean syscall(String fullName) {
            boolean known = catalog.groups().stream().anyMatch(g -> g.contains(fullName));
            return !known || catalog.groups().stream().anyMatch(g -> g.risky() && g.contains(fullName));
        }
    }
}
