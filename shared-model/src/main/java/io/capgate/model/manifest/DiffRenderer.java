package io.capgate.model.manifest;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders a {@link ManifestDiff} as unified-style text and as JSON. */
final class DiffRenderer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RISKY = "  [risky]";

    private DiffRenderer() {
    }

    static String text(ManifestDiff diff) {
        List<String> lines = new ArrayList<>();
        for (ManifestDiff.FieldChange field : diff.fields()) {
            lines.add("- " + field.field() + ": " + field.oldValue());
            lines.add("+ " + field.field() + ": " + field.newValue());
        }
        policy(lines, diff.defaults());
        diff.modules().forEach(module -> policy(lines, module));
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private static void policy(List<String> lines, ManifestDiff.PolicyChange change) {
        switch (change.status()) {
            case ADDED -> lines.add("+ " + change.module() + ": module");
            case REMOVED -> lines.add("- " + change.module() + ": module");
            default -> {
                // changed and unchanged policies have no line of their own
            }
        }
        for (ManifestDiff.Change entry : change.changes()) {
            lines.add((entry.added() ? "+ " : "- ") + change.module() + ": " + entry.kind() + " " + entry.name()
                    + (entry.risky() ? RISKY : ""));
        }
    }

    static String json(ManifestDiff diff) {
        ObjectNode root = JSON.createObjectNode();
        root.put("empty", diff.isEmpty());
        root.put("risky", diff.risky());
        ArrayNode fields = root.putArray("fields");
        for (ManifestDiff.FieldChange field : diff.fields()) {
            ObjectNode node = fields.addObject();
            node.put("field", field.field());
            node.put("old", field.oldValue());
            node.put("new", field.newValue());
        }
        policy(root.putObject("defaults"), diff.defaults());
        ObjectNode modules = root.putObject("modules");
        diff.modules().forEach(module -> policy(modules.putObject(module.module()), module));
        return JSON.writeValueAsString(root);
    }

    private static void policy(ObjectNode node, ManifestDiff.PolicyChange change) {
        node.put("status", change.status().id());
        node.put("risky", change.risky());
        ArrayNode changes = node.putArray("changes");
        for (ManifestDiff.Change entry : change.changes()) {
            ObjectNode item = changes.addObject();
            item.put("op", entry.added() ? "added" : "removed");
            item.put("kind", entry.kind());
            item.put("name", entry.name());
            item.put("risky", entry.risky());
        }
    }
}
