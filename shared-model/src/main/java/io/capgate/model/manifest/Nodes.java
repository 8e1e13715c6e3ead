package io.capgate.model.manifest;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Texts about YAML nodes and SnakeYAML errors for problem messages. */
final class Nodes {

    private Nodes() {
    }

    /** {@code line:column} of a node, 1-based, for "first at" notes. */
    static String position(Node node) {
        return (node.getStartMark().getLine() + 1) + ":" + (node.getStartMark().getColumn() + 1);
    }

    /** What kind of value a node is, for messages. */
    static String describe(Node node) {
        Tag tag = node.getTag();
        if (node instanceof MappingNode) {
            return Tag.MAP.equals(tag) ? "a mapping" : "a mapping tagged " + ManifestGrammar.show(tag.getValue());
        }
        if (node instanceof SequenceNode) {
            return Tag.SEQ.equals(tag) ? "a list" : "a list tagged " + ManifestGrammar.show(tag.getValue());
        }
        if (Tag.STR.equals(tag)) {
            return "a string";
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "the number " + ManifestGrammar.show(((ScalarNode) node).getValue());
        }
        if (Tag.TIMESTAMP.equals(tag)) {
            return "the timestamp " + ManifestGrammar.show(((ScalarNode) node).getValue());
        }
        if (Tag.BOOL.equals(tag)) {
            return "the boolean " + ManifestGrammar.show(((ScalarNode) node).getValue());
        }
        if (Tag.NULL.equals(tag)) {
            return "nothing (null)";
        }
        if (Tag.MERGE.equals(tag)) {
            return "the YAML merge key '<<'";
        }
        return "a value tagged " + ManifestGrammar.show(tag.getValue());
    }

    /** A SnakeYAML message made safe to print: one line, printable ASCII, at most 300 characters. */
    static String printable(String message) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < message.length() && out.length() < 300; i++) {
            char c = message.charAt(i);
            out.append(c >= 0x20 && c <= 0x7e ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return out.toString();
    }

    /** A mark for a code point offset into {@code text}, for reader errors that carry only the offset. */
    static Mark markAt(String text, int codePointOffset) {
        int line = 0;
        int column = 0;
        int index = 0;
        for (int cp = 0; cp < codePointOffset && index < text.length(); cp++) {
            char c = text.charAt(index);
            index += Character.charCount(text.codePointAt(index));
            if (c == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
        }
        return new Mark("", index, line, column, new int[0], 0);
    }
}
