package io.capgate.model.syscalls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads and validates the catalog YAML; every problem is an {@link IllegalArgumentException} naming the group. */
final class CatalogLoader {

    static final Pattern GROUP_NAME = Pattern.compile("[a-z]+(\\.[a-z_]+)*");
    private static final Set<String> FIELDS = Set.of("name", "description", "risky", "members", "keys");

    private final String source;

    private CatalogLoader(String source) {
        this.source = source;
    }

    /** The groups of {@code yaml} in file order, validated against the syscall tables of every {@link Arch}. */
    static List<CapabilityGroup> load(String yaml, String source) {
        return new CatalogLoader(source).load(yaml);
    }

    private List<CapabilityGroup> load(String yaml) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw fail("invalid YAML: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> map) || !map.containsKey("groups") || map.size() != 1) {
            throw fail("expected a mapping with the single key 'groups'");
        }
        if (!(map.get("groups") instanceof List<?> entries) || entries.isEmpty()) {
            throw fail("'groups' must be a non-empty list");
        }
        Map<String, CapabilityGroup> groups = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            CapabilityGroup group = group(i, entries.get(i));
            if (groups.putIfAbsent(group.name(), group) != null) {
                throw fail("group '" + group.name() + "' is defined twice");
            }
        }
        return List.copyOf(groups.values());
    }

    private CapabilityGroup group(int index, Object entry) {
        if (!(entry instanceof Map<?, ?> fields)) {
            throw fail("group #" + (index + 1) + " must be a mapping");
        }
        String where = "group #" + (index + 1);
        if (!(fields.get("name") instanceof String name) || !GROUP_NAME.matcher(name).matches()) {
            throw fail(where + ": 'name' must match " + GROUP_NAME.pattern() + ", got " + fields.get("name"));
        }
        where = "group '" + name + "'";
        for (Object key : fields.keySet()) {
            if (!FIELDS.contains(key)) {
                throw fail(where + ": unknown field '" + key + "'; expected " + new TreeSet<>(FIELDS));
            }
        }
        if (!(fields.get("description") instanceof String description) || description.isBlank()) {
            throw fail(where + ": 'description' must be a non-empty string");
        }
        if (!(fields.get("risky") instanceof Boolean risky)) {
            throw fail(where + ": 'risky' must be true or false");
        }
        Set<String> members = names(where, "members", fields.get("members"));
        for (String member : members) {
            checkMember(where, member);
        }
        for (Arch arch : Arch.values()) {
            if (members.stream().noneMatch(SyscallTable.of(arch)::contains)) {
                throw fail(where + ": no member exists on " + arch);
            }
        }
        Set<String> keys = fields.containsKey("keys") ? names(where, "keys", fields.get("keys")) : members;
        for (String key : keys) {
            if (!members.contains(key)) {
                throw fail(where + ": key '" + key + "' is not a member");
            }
        }
        return new CapabilityGroup(name, description.strip(), risky, new TreeSet<>(members), new TreeSet<>(keys));
    }

    private Set<String> names(String where, String field, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw fail(where + ": '" + field + "' must be a non-empty list of syscall names");
        }
        Set<String> names = new LinkedHashSet<>();
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw fail(where + ": '" + field + "' entry " + item + " is not a syscall name");
            }
            if (!names.add(s)) {
                throw fail(where + ": '" + field + "' lists " + s + " twice");
            }
        }
        return names;
    }

    private void checkMember(String where, String member) {
        SyscallName parsed;
        try {
            parsed = SyscallName.parse(member);
        } catch (IllegalArgumentException e) {
            throw fail(where + ": " + e.getMessage());
        }
        if (parsed.rawNumber().isPresent()) {
            throw fail(where + ": member '" + member + "' must be a syscall name, not a raw number");
        }
        List<String> suggestions = new ArrayList<>();
        for (Arch arch : Arch.values()) {
            SyscallTable table = SyscallTable.of(arch);
            if (table.contains(member)) {
                return;
            }
            table.closest(member, 3).stream().filter(s -> !suggestions.contains(s)).forEach(suggestions::add);
        }
        throw fail(where + ": member '" + member + "' is not a syscall on any architecture"
                + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", suggestions) + "?"));
    }

    private IllegalArgumentException fail(String message) {
        return new IllegalArgumentException(source + ": " + message);
    }
}
