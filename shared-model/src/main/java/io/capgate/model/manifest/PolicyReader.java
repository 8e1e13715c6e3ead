package io.capgate.model.manifest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.yaml.snakeyaml.nodes.Node;

/** Reads one policy mapping ({@code defaults} or a module's) into a {@link ModulePolicy}, reporting problems. */
final class PolicyReader {

    static final String CAPABILITIES = "capabilities";
    static final String SYSCALLS = "syscalls";
    static final String EXEC = "exec";
    private static final List<String> MODULE_KEYS = List.of(CAPABILITIES, SYSCALLS, EXEC);
    private static final List<String> DEFAULTS_KEYS = List.of(CAPABILITIES, SYSCALLS);

    private final NodeReader reader;
    private final EntryChecker checker;

    PolicyReader(NodeReader reader, EntryChecker checker) {
        this.reader = reader;
        this.checker = checker;
    }

    /**
     * Reads {@code node}; missing keys mean empty lists.
     *
     * @param what      "defaults" or "module 'x'", for messages
     * @param defaults  whether this is the defaults policy, where exec is not allowed
     * @return the policy, or empty when anything in it was wrong (the problems are reported)
     */
    Optional<ModulePolicy> read(Node node, String what, boolean defaults) {
        int before = reader.problems().size();
        Optional<NodeReader.Mapping> mapping = reader.mapping(node, what, "key");
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Set<String>> lists = new HashMap<>();
        List<String> known = defaults ? DEFAULTS_KEYS : MODULE_KEYS;
        for (NodeReader.Entry entry : mapping.get().entries().values()) {
            String key = entry.key();
            if (defaults && key.equals(EXEC)) {
                reader.problem(entry.keyNode(), "exec is not allowed in defaults; list each program under the"
                        + " module that runs it");
            } else if (!known.contains(key)) {
                reader.problem(entry.keyNode(), "unknown key " + ManifestGrammar.show(key) + " in " + what
                        + "; expected " + String.join(", ", known) + Suggestions.didYouMean(key, known));
            } else {
                lists.put(key, list(entry.value(), key, what));
            }
        }
        mapping.get().duplicates().stream().filter(d -> known.contains(d.key()))
                .forEach(duplicate -> list(duplicate.value(), duplicate.key(), what));
        if (reader.problems().size() > before) {
            return Optional.empty();
        }
        return Optional.of(ModulePolicy.of(lists.getOrDefault(CAPABILITIES, Set.of()),
                lists.getOrDefault(SYSCALLS, Set.of()), lists.getOrDefault(EXEC, Set.of())));
    }

    private Set<String> list(Node node, String key, String what) {
        String where = key + " of " + what;
        Set<String> values = new TreeSet<>();
        Function<String, Optional<String>> check = switch (key) {
            case CAPABILITIES -> checker::capability;
            case SYSCALLS -> checker::syscall;
            default -> checker::exec;
        };
        String example = switch (key) {
            case CAPABILITIES -> "net.connect";
            case SYSCALLS -> "getrandom";
            default -> "/usr/bin/git";
        };
        Map<String, Node> seen = new HashMap<>();
        for (Node item : reader.sequence(node, where, example).orElse(List.of())) {
            Optional<String> value = reader.string(item, "an entry of " + where);
            if (value.isEmpty()) {
                continue;
            }
            Node first = seen.putIfAbsent(value.get(), item);
            if (first != null) {
                reader.problem(item, "duplicate entry " + ManifestGrammar.show(value.get()) + " in " + where
                        + " (first at " + Nodes.position(first) + ")");
                continue;
            }
            Optional<String> problem = check.apply(value.get());
            if (problem.isPresent()) {
                reader.problem(item, problem.get());
            } else {
                values.add(value.get());
            }
        }
        return values;
    }
}
