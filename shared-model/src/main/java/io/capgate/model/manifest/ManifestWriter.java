package io.capgate.model.manifest;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes manifests in their canonical forms.
 *
 * <p>Both forms have a fixed key order (apiVersion, service, arch, python, defaults, modules; in a policy
 * capabilities, syscalls, exec), modules and list entries sorted, and every key present, including empty lists,
 * so reviewers see modules that are allowed nothing. The YAML form quotes a value only when it would not read
 * back as the same plain string. {@link ManifestParser} reads either form back to an equal {@link Manifest}.
 *
 * <p>Defaults never carry exec entries in a valid manifest; a manifest whose defaults do is rejected with an
 * {@link IllegalArgumentException} rather than written in a form the parser refuses.
 */
public final class ManifestWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Resolver RESOLVER = new Resolver();
    /** Plain scalars that need no quotes in block keys or flow lists; the resolver must also say string. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9_./+@-]*");

    private ManifestWriter() {
    }

    /** The canonical YAML text, ending in a newline. */
    public static String toYaml(Manifest manifest) {
        requireNoDefaultExec(manifest);
        StringBuilder out = new StringBuilder();
        out.append("apiVersion: ").append(scalar(manifest.apiVersion())).append('\n');
        out.append("service: ").append(scalar(manifest.service())).append('\n');
        out.append("arch: ").append(scalar(manifest.arch())).append('\n');
        out.append("python: ").append(scalar(manifest.python())).append('\n');
        out.append("defaults:\n");
        out.append("  capabilities: ").append(list(manifest.defaults().capabilities())).append('\n');
        out.append("  syscalls: ").append(list(manifest.defaults().syscalls())).append('\n');
        if (manifest.modules().isEmpty()) {
            return out.append("modules: {}\n").toString();
        }
        out.append("modules:\n");
        for (Map.Entry<String, ModulePolicy> module : manifest.modules().entrySet()) {
            ModulePolicy policy = module.getValue();
            out.append("  ").append(scalar(module.getKey())).append(":\n");
            out.append("    capabilities: ").append(list(policy.capabilities())).append('\n');
            out.append("    syscalls: ").append(list(policy.syscalls())).append('\n');
            out.append("    exec: ").append(list(policy.exec())).append('\n');
        }
        return out.toString();
    }

    /**
     * The canonical JSON text: compact, on one line, no trailing newline. This is the form
     * {@link ManifestHash} hashes.
     */
    public static String toJson(Manifest manifest) {
        return JSON.writeValueAsString(toJsonTree(manifest));
    }

    /** The canonical JSON as a Jackson tree, keys in canonical order. */
    public static ObjectNode toJsonTree(Manifest manifest) {
        requireNoDefaultExec(manifest);
        ObjectNode root = JSON.createObjectNode();
        root.put("apiVersion", manifest.apiVersion());
        root.put("service", manifest.service());
        root.put("arch", manifest.arch());
        root.put("python", manifest.python());
        ObjectNode defaults = root.putObject("defaults");
        array(defaults.putArray("capabilities"), manifest.defaults().capabilities());
        array(defaults.putArray("syscalls"), manifest.defaults().syscalls());
        ObjectNode modules = root.putObject("modules");
        manifest.modules().forEach((name, policy) -> {
            ObjectNode module = modules.putObject(name);
            array(module.putArray("capabilities"), policy.capabilities());
            array(module.putArray("syscalls"), policy.syscalls());
            array(module.putArray("exec"), policy.exec());
        });
        return root;
    }

    private static void array(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    private static String list(Collection<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (String value : values) {
            out.append(out.length() > 1 ? ", " : "").append(scalar(value));
        }
        return out.append(']').toString();
    }

    /** {@code value} plain when that reads back as the same string, else double-quoted with escapes. */
    static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && Tag.STR.equals(RESOLVER.resolve(NodeId.scalar, value, true))) {
            return value;
        }
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static void requireNoDefaultExec(Manifest manifest) {
        if (!manifest.defaults().exec().isEmpty()) {
            throw new IllegalArgumentException("defaults cannot allow exec (found " + manifest.defaults().exec()
                    + "); grant each program to the module that runs it");
        }
    }
}
