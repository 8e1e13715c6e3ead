package io.capgate.model.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.nodes.Node;

import io.capgate.model.syscalls.Arch;

/**
 * Reads a manifest from YAML or JSON (SnakeYAML reads both) and validates every value.
 *
 * <p>Strict by design: unknown keys, wrong types, duplicate keys and list entries, anchors and aliases, explicit
 * tags, names outside their grammar, unknown syscalls and capability groups are all errors. All problems are
 * collected, each with its line and column, and thrown together as a {@link ManifestException}. Documents over
 * 4 MiB are rejected before parsing. The format is described in {@code docs/manifest.md}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ManifestParser {

    /** Largest accepted document: 4 MiB, counted in bytes for files and in characters for strings. */
    public static final int MAX_SIZE = NodeReader.MAX_CHARS;

    private static final String API_VERSION = "apiVersion";
    private static final String SERVICE = "service";
    private static final String ARCH = "arch";
    private static final String PYTHON = "python";
    private static final String DEFAULTS = "defaults";
    private static final String MODULES = "modules";
    private static final List<String> KEYS = List.of(API_VERSION, SERVICE, ARCH, PYTHON, DEFAULTS, MODULES);
    private static final List<String> REQUIRED = List.of(API_VERSION, SERVICE, ARCH, PYTHON, MODULES);

    /**
     * Parses a manifest file, which must be UTF-8.
     *
     * @throws ManifestException when the file is too large, not UTF-8, or not a valid manifest
     * @throws IOException       when the file cannot be read
     */
    public Manifest parse(Path file) throws IOException {
        String source = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_SIZE + 1);
        }
        if (bytes.length > MAX_SIZE) {
            throw single(source, "the file is larger than the " + MAX_SIZE + " byte (4 MiB) limit");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw single(source, "the file is not valid UTF-8");
        }
        return parse(text, source);
    }

    /**
     * Parses manifest text.
     *
     * @param text       YAML or JSON
     * @param sourceName the file name or other label used in problem positions
     * @throws ManifestException with every problem found
     */
    public Manifest parse(String text, String sourceName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        if (text.length() > MAX_SIZE) {
            throw single(sourceName, "the document is longer than the " + MAX_SIZE + " character (4 MiB) limit");
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        NodeReader reader = new NodeReader(sourceName);
        Optional<Manifest> manifest = reader.compose(body).flatMap(root -> read(reader, root));
        if (!reader.problems().isEmpty() || manifest.isEmpty()) {
            throw new ManifestException(reader.problems());
        }
        return manifest.get();
    }

    private static Optional<Manifest> read(NodeReader reader, Node root) {
        Optional<NodeReader.Mapping> top = reader.mapping(root, "the manifest", "key");
        if (top.isEmpty()) {
            return Optional.empty();
        }
        Map<String, NodeReader.Entry> entries = top.get().entries();
        for (NodeReader.Entry entry : entries.values()) {
            if (!KEYS.contains(entry.key())) {
                reader.problem(entry.keyNode(), "unknown key " + ManifestGrammar.show(entry.key())
                        + " in the manifest; expected " + String.join(", ", KEYS)
                        + Suggestions.didYouMean(entry.key(), KEYS));
            }
        }
        for (String key : REQUIRED) {
            if (!entries.containsKey(key)) {
                reader.problem(root, "missing required key '" + key + "'");
            }
        }
        Optional<String> apiVersion = scalar(reader, entries, API_VERSION, v -> v.equals(Manifest.API_VERSION)
                ? Optional.empty()
                : Optional.of("unsupported apiVersion " + ManifestGrammar.show(v) + "; expected " + Manifest.API_VERSION));
        Optional<String> service = scalar(reader, entries, SERVICE, ManifestGrammar::checkService);
        Optional<Arch> arch = scalar(reader, entries, ARCH, ManifestParser::checkArch).map(Arch::fromId);
        Optional<String> python = scalar(reader, entries, PYTHON, ManifestGrammar::checkPython);

        PolicyReader policies = new PolicyReader(reader, new EntryChecker(arch));
        Optional<ModulePolicy> defaults = entries.containsKey(DEFAULTS)
                ? policies.read(entries.get(DEFAULTS).value(), "defaults", true)
                : Optional.of(ModulePolicy.EMPTY);
        Map<String, ModulePolicy> modules = new TreeMap<>();
        if (entries.containsKey(MODULES)) {
            readModules(reader, policies, entries.get(MODULES).value(), modules);
        }
        for (NodeReader.Entry duplicate : top.get().duplicates()) {
            switch (duplicate.key()) {
                case DEFAULTS -> policies.read(duplicate.value(), "defaults", true);
                case MODULES -> readModules(reader, policies, duplicate.value(), new TreeMap<>());
                default -> {
                    // scalar duplicates are reported as duplicates; their values do not matter
                }
            }
        }
        if (!reader.problems().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Manifest(apiVersion.orElseThrow(), service.orElseThrow(), arch.orElseThrow().id(),
                python.orElseThrow(), defaults.orElseThrow(), new TreeMap<>(modules)));
    }

    private static void readModules(NodeReader reader, PolicyReader policies, Node node,
                                    Map<String, ModulePolicy> modules) {
        reader.mapping(node, "modules", "module").ifPresent(mapping -> {
            mapping.entries().values().forEach(
                    module -> readModule(reader, policies, module).ifPresent(p -> modules.put(module.key(), p)));
            mapping.duplicates().forEach(module -> readModule(reader, policies, module));
        });
    }

    private static Optional<ModulePolicy> readModule(NodeReader reader, PolicyReader policies, NodeReader.Entry module) {
        Optional<String> bad = ManifestGrammar.checkModule(module.key());
        bad.ifPresent(message -> reader.problem(module.keyNode(), message));
        Optional<ModulePolicy> policy = policies.read(module.value(), "module " + ManifestGrammar.show(module.key()),
                false);
        return bad.isPresent() ? Optional.empty() : policy;
    }

    /** The value of a top-level string key if present, a string, and valid; problems are reported. */
    private static Optional<String> scalar(NodeReader reader, Map<String, NodeReader.Entry> entries, String key,
                                           Function<String, Optional<String>> check) {
        NodeReader.Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        Optional<String> value = reader.string(entry.value(), key);
        Optional<String> problem = value.flatMap(check);
        problem.ifPresent(message -> reader.problem(entry.value(), message));
        return problem.isPresent() ? Optional.empty() : value;
    }

    private static Optional<String> checkArch(String id) {
        if (Arrays.stream(Arch.values()).anyMatch(a -> a.id().equals(id))) {
            return Optional.empty();
        }
        return Optional.of("unknown arch " + ManifestGrammar.show(id) + "; expected one of "
                + Arrays.stream(Arch.values()).map(Arch::id).collect(Collectors.joining(", ")));
    }

    private static ManifestException single(String source, String message) {
        return new ManifestException(List.of(new ManifestProblem(source, 1, 1, message)));
    }
}
