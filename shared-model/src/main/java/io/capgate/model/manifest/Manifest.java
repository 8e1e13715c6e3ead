package io.capgate.model.manifest;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A capability manifest: what each Python module of one service may do.
 *
 * <p>Immutable and already validated when obtained from {@code ManifestParser}; the constructor only
 * rejects nulls. Module names are what a Python user calls the module ({@code requests}, {@code app.routes})
 * or one of the pseudo modules in {@link ModulePolicy#PSEUDO_MODULES}.
 *
 * @param apiVersion always {@link #API_VERSION} for now
 * @param service    service name, {@code [a-z0-9][a-z0-9._-]{0,62}}
 * @param arch       {@code x86_64} or {@code aarch64}
 * @param python     CPython minor version the manifest was built on, e.g. {@code 3.11} (informational)
 * @param defaults   the allowlist every module gets in addition to its own
 * @param modules    per module allowlists, sorted by name
 */
public record Manifest(String apiVersion, String service, String arch, String python,
                       ModulePolicy defaults, SortedMap<String, ModulePolicy> modules) {

    public static final String API_VERSION = "capgate.io/v1";

    public Manifest {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(defaults, "defaults");
        modules = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(modules, "modules")));
    }

    public static Manifest of(String service, String arch, String python, ModulePolicy defaults,
                              Map<String, ModulePolicy> modules) {
        return new Manifest(API_VERSION, service, arch, python, defaults, new TreeMap<>(modules));
    }

    /** The module's own policy, or an empty one when the manifest does not name it. */
    public ModulePolicy module(String name) {
        return modules.getOrDefault(name, ModulePolicy.EMPTY);
    }

    /** A copy of this manifest with {@code name}'s policy set to {@code policy} (added or replaced). */
    public Manifest withModule(String name, ModulePolicy policy) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policy, "policy");
        TreeMap<String, ModulePolicy> changed = new TreeMap<>(modules);
        changed.put(name, policy);
        return new Manifest(apiVersion, service, arch, python, defaults, changed);
    }

    /** A copy of this manifest with other defaults. */
    public Manifest withDefaults(ModulePolicy newDefaults) {
        return new Manifest(apiVersion, service, arch, python, newDefaults, new TreeMap<>(modules));
    }

    /** The names of the modules, sorted. */
    public List<String> moduleNames() {
        return List.copyOf(modules.keySet());
    }
}
