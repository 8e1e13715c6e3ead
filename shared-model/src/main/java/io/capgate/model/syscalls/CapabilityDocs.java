package io.capgate.model.syscalls;

import java.util.EnumMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Renders a {@link CapabilityCatalog} as the Markdown of {@code docs/capabilities.md}, so the documentation is
 * generated from the catalog and cannot drift from it.
 */
public final class CapabilityDocs {

    private CapabilityDocs() {
    }

    /** The whole {@code docs/capabilities.md} for {@code catalog}. */
    public static String markdown(CapabilityCatalog catalog) {
        StringBuilder md = new StringBuilder();
        md.append("""
                # Capability groups

                <!-- Generated from shared-model/src/main/resources/io/capgate/model/syscalls/capabilities.yaml by
                     CapabilityDocsTest; do not edit. Rewrite with:
                     mvn -pl shared-model test -Dtest=CapabilityDocsTest -Dcapgate.docs.update=true -->

                A manifest grants a module capability groups by name instead of listing syscalls one by one.
                Members are full syscall names: `base` or `base:variant`, where the engine tells apart
                `open`/`openat`/`openat2` opened for writing (`:write`: `O_WRONLY`, `O_RDWR`, `O_CREAT`, `O_TRUNC` or
                `O_APPEND`), `clone`/`clone3` starting a thread (`:thread`: `CLONE_THREAD`), and anonymous `mmap` or
                `mprotect`/`pkey_mprotect` with `PROT_EXEC` (`:exec`). A name without variant does not include its
                variants: `openat` allows read-only opens only.

                Members marked *(x86_64 only)* do not exist on aarch64, whose kernel offers only the newer forms
                (`openat` for `open`, `newfstatat` for `stat`, `clone` for `fork`, ...); they are skipped there.
                Keys are the members whose appearance in a trace makes `capgate build` grant the group; the other
                members come along with it.

                Risky groups let code escape or weaken the sandbox, or act on other processes or the whole machine;
                the portal highlights them.

                | Group | Risky | Description | Members | Keys |
                |---|---|---|---|---|
                """);
        for (CapabilityGroup group : catalog.groups()) {
            md.append("| `").append(group.name()).append("` | ")
                    .append(group.risky() ? "**yes**" : "no").append(" | ")
                    .append(escape(group.description())).append(" | ")
                    .append(members(catalog, group)).append(" | ")
                    .append(keys(group))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String members(CapabilityCatalog catalog, CapabilityGroup group) {
        Map<Arch, SortedSet<String>> byArch = new EnumMap<>(Arch.class);
        for (Arch arch : Arch.values()) {
            byArch.put(arch, catalog.syscalls(group.name(), arch));
        }
        return group.members().stream().map(member -> {
            String text = "`" + member + "`";
            String only = byArch.entrySet().stream()
                    .filter(e -> e.getValue().contains(member))
                    .map(e -> e.getKey().id())
                    .collect(Collectors.joining(", "));
            return byArch.values().stream().allMatch(s -> s.contains(member)) ? text : text + " *(" + only + " only)*";
        }).collect(Collectors.joining(", "));
    }

    private static String keys(CapabilityGroup group) {
        SortedSet<String> others = new TreeSet<>(group.members());
        others.removeAll(group.keys());
        if (others.isEmpty()) {
            return "all members";
        }
        return others.size() < group.keys().size() ? "all but " + codes(others) : codes(group.keys());
    }

    private static String codes(SortedSet<String> names) {
        return names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
