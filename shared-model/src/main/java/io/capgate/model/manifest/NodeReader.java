package io.capgate.model.manifest;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.composer.ComposerException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes YAML into SnakeYAML nodes and reads them strictly, collecting positioned problems.
 *
 * <p>Only the composer runs: no constructor, so no tag can instantiate anything. Anchors and aliases, explicit
 * tags on collections, non-string scalars where strings belong and duplicate mapping keys are all reported.
 */
final class NodeReader {

    /** Largest accepted document, in characters (and in bytes for files). */
    static final int MAX_CHARS = 4 * 1024 * 1024;

    /** The tags the resolver gives untagged nodes; any other tag was written explicitly. */
    private static final Set<Tag> IMPLICIT_TAGS = Set.of(Tag.MAP, Tag.SEQ, Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL,
            Tag.NULL, Tag.TIMESTAMP, Tag.MERGE);

    /** Tags of plain scalars that read as strings once quoted. */
    private static final Set<Tag> QUOTABLE_TAGS = Set.of(Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.TIMESTAMP);

    /** One key of a mapping with its value, in document order. */
    record Entry(String key, ScalarNode keyNode, Node value) {
    }

    private final String source;
    private final List<ManifestProblem> problems = new ArrayList<>();
    private final Set<Node> rejected = Collections.newSetFromMap(new IdentityHashMap<>());

    NodeReader(String source) {
        this.source = source;
    }

    List<ManifestProblem> problems() {
        return problems;
    }

    void problem(Node node, String message) {
        problem(node.getStartMark(), message);
    }

    void problem(Mark mark, String message) {
        problems.add(mark == null ? new ManifestProblem(source, 1, 1, message)
                : new ManifestProblem(source, mark.getLine() + 1, mark.getColumn() + 1, message));
    }

    /** The single document's root node; empty (with a problem) on a syntax error or an empty stream. */
    Optional<Node> compose(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // the composer keeps duplicates; entries() reports them with positions
        options.setMaxAliasesForCollections(8); // anchors are rejected anyway; this bounds the work before that
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(16);
        options.setCodePointLimit(MAX_CHARS);
        options.setMergeOnCompose(false);
        options.setProcessComments(false);
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options),
                    new Resolver(), options);
            Node root = composer.getSingleNode();
            if (root == null) {
                problem((Mark) null, "the document is empty; expected a mapping with apiVersion, service, arch,"
                        + " python and modules");
            } else {
                scan(root);
            }
            return Optional.ofNullable(root);
        } catch (MarkedYAMLException e) {
            String kind = e instanceof ComposerException ? "YAML error: " : "YAML syntax error: ";
            String problem = String.valueOf(e.getProblem());
            String message = e.getContext() == null ? problem
                    : problem.startsWith("but ") ? e.getContext() + ", " + problem
                    : problem + " (" + e.getContext() + ")";
            problem(e.getProblemMark(), kind + Nodes.printable(message));
        } catch (ReaderException e) {
            problem(Nodes.markAt(text, e.getPosition()), String.format(
                    "character U+%04X is not allowed in a manifest", e.getCodePoint()));
        } catch (YAMLException e) {
            problem((Mark) null, "YAML error: " + Nodes.printable(String.valueOf(e.getMessage())));
        }
        return Optional.empty();
    }

    /**
     * A mapping's entries by key, first occurrence of each in document order, and the later duplicates, which
     * are already reported; callers still check their values so every problem in them is found.
     */
    record Mapping(Map<String, Entry> entries, List<Entry> duplicates) {
    }

    /**
     * The entries of a mapping. A later duplicate of a key is reported at its own position and kept apart.
     * Empty, with a problem, when {@code node} is not a plain mapping.
     */
    Optional<Mapping> mapping(Node node, String what, String keyWord) {
        if (!plain(node)) {
            return Optional.empty();
        }
        if (!(node instanceof MappingNode mapping) || !Tag.MAP.equals(node.getTag())) {
            problem(node, what + " must be a mapping, found " + Nodes.describe(node));
            return Optional.empty();
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<Entry> duplicates = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Optional<String> key = string(keyNode, keyWord + " in " + what);
            if (key.isEmpty()) {
                continue;
            }
            Entry entry = new Entry(key.get(), (ScalarNode) keyNode, tuple.getValueNode());
            Entry first = entries.putIfAbsent(key.get(), entry);
            if (first != null) {
                problem(keyNode, "duplicate " + keyWord + " " + ManifestGrammar.show(key.get()) + " in " + what
                        + " (first at " + Nodes.position(first.keyNode()) + ")");
                duplicates.add(entry);
            }
        }
        return Optional.of(new Mapping(entries, duplicates));
    }

    /** The items of a list; empty, with a problem, when {@code node} is not a plain list. */
    Optional<List<Node>> sequence(Node node, String what, String example) {
        if (!plain(node)) {
            return Optional.empty();
        }
        if (!(node instanceof SequenceNode sequence) || !Tag.SEQ.equals(node.getTag())) {
            String hint = Tag.NULL.equals(node.getTag()) ? "; write [] for an empty list"
                    : node instanceof ScalarNode ? "; write a one-element list as [" + example + "]" : "";
            problem(node, what + " must be a list, found " + Nodes.describe(node) + hint);
            return Optional.empty();
        }
        return Optional.of(sequence.getValue());
    }

    /** The text of a string scalar; empty, with a problem, for anything else (numbers and booleans too). */
    Optional<String> string(Node node, String what) {
        if (!plain(node)) {
            return Optional.empty();
        }
        if (!(node instanceof ScalarNode scalar) || !Tag.STR.equals(node.getTag())) {
            String hint = QUOTABLE_TAGS.contains(node.getTag()) ? "; quote it" : "";
            problem(node, what + " must be a string, found " + Nodes.describe(node) + hint);
            return Optional.empty();
        }
        return Optional.of(scalar.getValue());
    }

    /**
     * Reports, once each and anywhere in the tree, anchored nodes (anchors and the aliases pointing at them are
     * the same node) and explicitly tagged ones; such nodes are not descended into, and the accessors skip them.
     */
    private void scan(Node node) {
        if (rejected.contains(node)) {
            return;
        }
        if (node.getAnchor() != null) {
            rejected.add(node);
            problem(node, "YAML anchors and aliases (&" + node.getAnchor() + ", *" + node.getAnchor()
                    + ") are not allowed in a manifest");
            return;
        }
        if (!IMPLICIT_TAGS.contains(node.getTag())) {
            rejected.add(node);
            problem(node, "YAML tag " + ManifestGrammar.show(node.getTag().getValue())
                    + " is not allowed in a manifest");
            return;
        }
        if (node instanceof MappingNode mapping) {
            mapping.getValue().forEach(tuple -> {
                scan(tuple.getKeyNode());
                scan(tuple.getValueNode());
            });
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(this::scan);
        }
    }

    /** Whether the node passed {@link #scan(Node)}: no anchor, no explicit tag. */
    private boolean plain(Node node) {
        return !rejected.contains(node);
    }
}
