package io.capgate.model.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.CapabilityCatalog;
import io.capgate.model.syscalls.CapabilityGroup;
import io.capgate.model.trace.Trace;
import io.capgate.model.trace.TraceMerger;
import io.capgate.model.trace.TraceModule;

/**
 * Builds a manifest from what traces observed: the first draft a reviewer then tightens or accepts.
 *
 * <p>The traces are merged ({@link TraceMerger}). For each observed module:
 * <ol>
 *   <li>syscalls the defaults already allow are dropped;</li>
 *   <li>every catalog group whose {@linkplain CapabilityGroup#keys() key syscalls} include one of the remaining
 *       syscalls is granted, unless the defaults name it or already allow all of it;</li>
 *   <li>observed syscalls no granted group or default covers are listed under {@code syscalls};</li>
 *   <li>{@code exec} lists the observed programs.</li>
 * </ol>
 * Modules that end up with empty lists stay in the manifest so reviewers see them. arch comes from the traces,
 * python is their version cut to major.minor. The result depends only on the input, not on iteration order.
 */
public final class ManifestBuilder {

    private static final Pattern PYTHON_VERSION = Pattern.compile("(3\\.[0-9]{1,2})(?:[.+a-z].*)?");

    /**
     * @param service             the service name; null takes the merged trace's service
     * @param defaultCapabilities the groups every module gets; null means {@link #DEFAULT_CAPABILITIES}
     */
    public record BuildOptions(String service, Set<String> defaultCapabilities) {

        /** The defaults when none are given: {@code sys.basic} and {@code mem}. */
        public static final SortedSet<String> DEFAULT_CAPABILITIES =
                Collections.unmodifiableSortedSet(new TreeSet<>(Set.of("sys.basic", "mem")));

        /** Sorts and copies the default groups; null means {@link #DEFAULT_CAPABILITIES}. */
        public BuildOptions {
            defaultCapabilities = defaultCapabilities == null ? DEFAULT_CAPABILITIES
                    : Collections.unmodifiableSortedSet(new TreeSet<>(defaultCapabilities));
        }

        /** Options for {@code service} with the default capabilities. */
        public static BuildOptions of(String service) {
            return new BuildOptions(service, null);
        }
    }

    private ManifestBuilder() {
    }

    /**
     * Builds the manifest.
     *
     * @throws IllegalArgumentException when there is no trace, the traces do not merge, or a value (service,
     *                                  python version, default group, module name, syscall, exec path) would make
     *                                  an invalid manifest; the message lists every such value
     */
    public static Manifest build(List<Trace> traces, BuildOptions options) {
        Objects.requireNonNull(traces, "traces");
        Objects.requireNonNull(options, "options");
        if (traces.isEmpty()) {
            throw new IllegalArgumentException("building a manifest needs at least one trace");
        }
        Trace merged = TraceMerger.merge(traces);
        Arch arch = Arch.fromId(merged.arch());
        List<String> errors = new ArrayList<>();
        String service = options.service() != null ? options.service() : merged.service();
        ManifestGrammar.checkService(service).ifPresent(errors::add);
        String python = pythonMinor(merged.python(), errors);
        CapabilityCatalog catalog = CapabilityCatalog.standard();
        EntryChecker checker = new EntryChecker(Optional.of(arch));
        options.defaultCapabilities().forEach(group -> checker.capability(group).ifPresent(errors::add));
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        SortedSet<String> covered = new TreeSet<>();
        options.defaultCapabilities().forEach(group -> covered.addAll(catalog.syscalls(group, arch)));

        Map<String, ModulePolicy> modules = new TreeMap<>();
        merged.modules().forEach((name, observed) -> {
            ManifestGrammar.checkModule(name).ifPresent(errors::add);
            modules.put(name, policy(observed, covered, options.defaultCapabilities(), catalog, arch));
            observed.syscalls().keySet().forEach(s -> checker.syscall(s).ifPresent(e -> errors.add(name + ": " + e)));
            observed.exec().keySet().forEach(p -> checker.exec(p).ifPresent(e -> errors.add(name + ": " + e)));
        });
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("the traces cannot make a valid manifest: " + String.join("; ", errors));
        }
        ModulePolicy defaults = ModulePolicy.of(options.defaultCapabilities(), Set.of(), Set.of());
        return Manifest.of(service, arch.id(), python, defaults, modules);
    }

    private static ModulePolicy policy(TraceModule observed, Set<String> covered, Set<String> defaultGroups,
                                       CapabilityCatalog catalog, Arch arch) {
        SortedSet<String> remaining = new TreeSet<>(observed.syscalls().keySet());
        remaining.removeAll(covered);
        SortedSet<String> granted = new TreeSet<>();
        SortedSet<String> allowed = new TreeSet<>(covered);
        for (CapabilityGroup group : catalog.groups()) {
            SortedSet<String> members = catalog.syscalls(group.name(), arch);
            boolean redundant = defaultGroups.contains(group.name()) || covered.containsAll(members);
            if (!redundant && !Collections.disjoint(catalog.keys(group.name(), arch), remaining)) {
                granted.add(group.name());
                allowed.addAll(members);
            }
        }
        SortedSet<String> extra = new TreeSet<>(remaining);
        extra.removeAll(allowed);
        return ModulePolicy.of(granted, extra, observed.exec().keySet());
    }

    private static String pythonMinor(String version, List<String> errors) {
        Matcher m = PYTHON_VERSION.matcher(version);
        if (m.matches()) {
            return m.group(1);
        }
        errors.add("the traces' python version " + ManifestGrammar.show(version) + " is not a CPython 3 version");
        return "";
    }
}
