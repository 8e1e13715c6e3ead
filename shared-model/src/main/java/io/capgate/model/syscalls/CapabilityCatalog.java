package io.capgate.model.syscalls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The capability groups manifests grant by name ({@code net.connect}, {@code fs.write}, ...).
 *
 * <p>The standard catalog is {@code io/capgate/model/syscalls/capabilities.yaml}, validated when loaded: every member
 * is a valid full syscall name that exists on at least one {@link Arch}, and the keys are members. Members missing from
 * an architecture ({@code open}, {@code stat}, {@code fork} on aarch64) are skipped there by
 * {@link #syscalls(String, Arch)}. {@code docs/capabilities.md} is generated from it by {@link CapabilityDocs}.
 */
public final class CapabilityCatalog {

    private static final String RESOURCE = "capabilities.yaml";
    private static final CapabilityCatalog STANDARD = loadStandard();

    private final Map<String, CapabilityGroup> groups;

    private CapabilityCatalog(List<CapabilityGroup> groups) {
        Map<String, CapabilityGroup> byName = new LinkedHashMap<>();
        groups.forEach(g -> byName.put(g.name(), g));
        this.groups = Collections.unmodifiableMap(byName);
    }

    /** The catalog shipped with Capgate. */
    public static CapabilityCatalog standard() {
        return STANDARD;
    }

    /**
     * Reads and validates a catalog in the format of the standard one.
     *
     * @throws IllegalArgumentException naming {@code sourceName} and the offending group
     */
    static CapabilityCatalog parse(String yaml, String sourceName) {
        return new CapabilityCatalog(CatalogLoader.load(yaml, sourceName));
    }

    /** The group called {@code name}. */
    public Optional<CapabilityGroup> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    /** Every group, in catalog order. */
    public List<CapabilityGroup> groups() {
        return List.copyOf(groups.values());
    }

    /** Up to {@code max} group names close to {@code name}, nearest first, for "did you mean" messages. */
    public List<String> closest(String name, int max) {
        return Levenshtein.closest(name, groups.keySet(), max);
    }

    /**
     * The members of {@code group} that exist on {@code arch}, as full names.
     *
     * @throws IllegalArgumentException when there is no such group; the message suggests close names
     */
    public SortedSet<String> syscalls(String group, Arch arch) {
        return onArch(require(group).members(), arch);
    }

    /**
     * The keys of {@code group} that exist on {@code arch}: observing any of them implies the group.
     *
     * @throws IllegalArgumentException when there is no such group
     */
    public SortedSet<String> keys(String group, Arch arch) {
        return onArch(require(group).keys(), arch);
    }

    /** The first group, in catalog order, that lists {@code fullSyscallName} as a member; for display. */
    public Optional<String> groupOf(String fullSyscallName) {
        return groups.values().stream()
                .filter(g -> g.contains(fullSyscallName))
                .map(CapabilityGroup::name)
                .findFirst();
    }

    private CapabilityGroup require(String name) {
        CapabilityGroup group = groups.get(name);
        if (group == null) {
            List<String> suggestions = closest(name, 3);
            throw new IllegalArgumentException("unknown capability group '" + name + "'"
                    + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", suggestions) + "?"));
        }
        return group;
    }

    private static SortedSet<String> onArch(SortedSet<String> names, Arch arch) {
        SyscallTable table = SyscallTable.of(arch);
        SortedSet<String> result = new TreeSet<>();
        names.stream().filter(table::contains).forEach(result::add);
        return Collections.unmodifiableSortedSet(result);
    }

    private static CapabilityCatalog loadStandard() {
        try (InputStream in = CapabilityCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("capability catalog missing: io/capgate/model/syscalls/" + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read capability catalog " + RESOURCE, e);
        }
    }
}
