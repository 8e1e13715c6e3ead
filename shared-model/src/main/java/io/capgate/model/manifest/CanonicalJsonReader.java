package io.capgate.model.manifest;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads back the canonical JSON that {@link ManifestWriter#toJson} wrote, without the YAML node
 * parser and its validation: for stores that only ever keep manifests that {@link ManifestParser}
 * accepted (the portal's versions), where re-validating a large manifest on every read costs a
 * hundred times more than reading it. Anything that is not the canonical shape fails fast with
 * an {@link IllegalArgumentException}; untrusted text goes through {@link ManifestParser}.
 */
public final class CanonicalJsonReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CanonicalJsonReader() {
    }

    /** The manifest whose canonical JSON is {@code json}. */
    public static Manifest read(String json) {
        JsonNode root = JSON.readTree(json);
        ModulePolicy defaults = policy(field(root, "defaults"), "defaults", false);
        Map<String, ModulePolicy> modules = new TreeMap<>();
        field(root, "modules").properties().forEach(e -> modules.put(e.getKey(), policy(e.getValue(), e.getKey(), true)));
        return new Manifest(text(root, "apiVersion"), text(root, "service"), text(root, "arch"), text(root, "python"),
                defaults, new TreeMap<>(modules));
    }

    private static ModulePolicy policy(JsonNode node, String where, boolean withExec) {
        return new ModulePolicy(strings(field(node, "capabilities"), where), strings(field(node, "syscalls"), where),
                withExec ? strings(field(node, "exec"), where) : new TreeSet<>());
    }

    private static TreeSet<String> strings(JsonNode array, String where) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("Not canonical manifest JSON: a list expected in " + where);
        }
        var values = new TreeSet<String>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("Not canonical manifest JSON: '" + name + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        return field(node, name).asString();
    }
}
