package io.capgate.model.manifest;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.CapabilityCatalog;
import io.capgate.model.syscalls.SyscallName;
import io.capgate.model.syscalls.SyscallTable;

/**
 * A manifest resolved for one architecture into kernel syscall indexes: what the enforcement engine loads.
 *
 * <p>An index is {@link SyscallTable#index(String)}: {@code nr + 1024 * variant}. Each module's set is its
 * capability groups (resolved with {@link CapabilityCatalog#syscalls(String, Arch)}), its syscalls and the
 * defaults. Variants are distinct indexes: {@code openat} does not imply {@code openat:write}. Modules the manifest
 * does not name get {@link #defaultsOnly()}.
 *
 * <p>Resolving for an architecture other than the manifest's skips named syscalls that do not exist there (they
 * cannot be called, see {@link #unavailable()}) and refuses raw {@code syscall_<n>} names, whose numbers only mean
 * something on the manifest's architecture. Unknown names or groups throw {@link IllegalArgumentException}: a
 * parsed manifest has none.
 *
 * <p>Immutable; every {@link BitSet} returned is a fresh copy the caller may modify.
 */
public final class ResolvedPolicy {

    private final Arch arch;
    private final Map<String, BitSet> allowed;
    private final BitSet defaults;
    private final Map<String, SortedSet<String>> exec;
    private final SortedSet<String> defaultExec;
    private final SortedSet<String> unavailable;

    private ResolvedPolicy(Arch arch, Map<String, BitSet> allowed, BitSet defaults,
                           Map<String, SortedSet<String>> exec, SortedSet<String> defaultExec,
                           SortedSet<String> unavailable) {
        this.arch = arch;
        this.allowed = allowed;
        this.defaults = defaults;
        this.exec = exec;
        this.defaultExec = defaultExec;
        this.unavailable = unavailable;
    }

    /**
     * Resolves {@code manifest} for {@code arch}.
     *
     * @throws IllegalArgumentException for unknown syscalls or groups, or raw syscall numbers of another arch
     */
    public static ResolvedPolicy resolve(Manifest manifest, Arch arch) {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(arch, "arch");
        Indexer indexer = new Indexer(arch, manifest.arch().equals(arch.id()));
        BitSet defaults = indexer.bits(manifest.defaults());
        SortedSet<String> defaultExec = Collections.unmodifiableSortedSet(new TreeSet<>(manifest.defaults().exec()));
        Map<String, BitSet> allowed = new LinkedHashMap<>();
        Map<String, SortedSet<String>> exec = new TreeMap<>();
        manifest.modules().forEach((module, policy) -> {
            BitSet bits = indexer.bits(policy);
            bits.or(defaults);
            allowed.put(module, bits);
            SortedSet<String> programs = new TreeSet<>(policy.exec());
            programs.addAll(defaultExec);
            exec.put(module, Collections.unmodifiableSortedSet(programs));
        });
        return new ResolvedPolicy(arch, allowed, defaults, Collections.unmodifiableMap(exec), defaultExec,
                Collections.unmodifiableSortedSet(indexer.unavailable));
    }

    /** The architecture the indexes are for. */
    public Arch arch() {
        return arch;
    }

    /** Per named module, the indexes it may use, defaults included; sorted by module name. */
    public Map<String, BitSet> allowedIndexes() {
        Map<String, BitSet> copy = new TreeMap<>();
        allowed.forEach((module, bits) -> copy.put(module, (BitSet) bits.clone()));
        return Collections.unmodifiableMap(copy);
    }

    /** The indexes {@code module} may use: its own set, or {@link #defaultsOnly()} when the manifest omits it. */
    public BitSet allowed(String module) {
        return (BitSet) allowed.getOrDefault(module, defaults).clone();
    }

    /** Whether {@code module} may use kernel index {@code index}. */
    public boolean allows(String module, int index) {
        return index >= 0 && allowed.getOrDefault(module, defaults).get(index);
    }

    /** The indexes of modules the manifest does not name: the defaults. */
    public BitSet defaultsOnly() {
        return (BitSet) defaults.clone();
    }

    /** Per named module, the programs it may execute (defaults included); sorted by module name. */
    public Map<String, SortedSet<String>> exec() {
        return exec;
    }

    /** The programs {@code module} may execute; the defaults' (normally none) when the manifest omits it. */
    public SortedSet<String> exec(String module) {
        return exec.getOrDefault(module, defaultExec);
    }

    /** Every index any module or the defaults may use: the floor a process-wide seccomp filter must allow. */
    public BitSet union() {
        BitSet union = (BitSet) defaults.clone();
        allowed.values().forEach(union::or);
        return union;
    }

    /**
     * The indexes allowed to every module, named or not: the defaults, since every module's set contains them.
     * The engine checks this set first and needs no per-module lookup for its members.
     */
    public BitSet allModules() {
        return (BitSet) defaults.clone();
    }

    /** Named syscalls skipped because they do not exist on {@link #arch()}; empty when it is the manifest's. */
    public SortedSet<String> unavailable() {
        return unavailable;
    }

    /** Turns policies into index sets, remembering skipped names. */
    private static final class Indexer {
        private final Arch arch;
        private final boolean manifestArch;
        private final SyscallTable table;
        private final CapabilityCatalog catalog = CapabilityCatalog.standard();
        private final SortedSet<String> unavailable = new TreeSet<>();

        Indexer(Arch arch, boolean manifestArch) {
            this.arch = arch;
            this.manifestArch = manifestArch;
            this.table = SyscallTable.of(arch);
        }

        BitSet bits(ModulePolicy policy) {
            BitSet bits = new BitSet();
            for (String group : policy.capabilities()) {
                if (catalog.group(group).isEmpty()) {
                    throw new IllegalArgumentException("unknown capability group " + ManifestGrammar.show(group));
                }
                catalog.syscalls(group, arch).forEach(name -> bits.set(table.index(name)));
            }
            for (String name : policy.syscalls()) {
                SyscallName parsed = SyscallName.parse(name);
                if (!manifestArch && parsed.rawNumber().isPresent()) {
                    throw new IllegalArgumentException("raw syscall " + ManifestGrammar.show(name) + " is a number"
                            + " on the manifest's architecture and means nothing on " + arch.id());
                }
                if (!manifestArch && !table.contains(name) && existsElsewhere(name)) {
                    unavailable.add(name);
                } else {
                    bits.set(table.index(name));
                }
            }
            return bits;
        }

        private static boolean existsElsewhere(String name) {
            return Arrays.stream(Arch.values()).anyMatch(other -> SyscallTable.of(other).contains(name));
        }
    }
}
