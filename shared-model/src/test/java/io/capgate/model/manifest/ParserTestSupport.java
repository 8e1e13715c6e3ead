package io.capgate.model.manifest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

/** Helpers for parser tests: documents around a fragment, and the problems a document raises. */
final class ParserTestSupport {

    static final String SOURCE = "test.yaml";

    /** A valid header for x86_64; append {@code modules:} (and optionally {@code defaults:}). */
    static final String HEADER = """
            apiVersion: capgate.io/v1
            service: demo
            arch: x86_64
            python: "3.11"
            """;

    private ParserTestSupport() {
    }

    static Manifest parse(String text) {
        return new ManifestParser().parse(text, SOURCE);
    }

    /** A document with the header and one module {@code app} with the given policy lines (flow mapping body). */
    static String withModule(String policyFlowBody) {
        return HEADER + "modules:\n  app: {" + policyFlowBody + "}\n";
    }

    /** The problems parsing {@code text} raises; fails when it parses. */
    static List<ManifestProblem> problems(String text) {
        ManifestException[] caught = new ManifestException[1];
        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(ManifestException.class, e -> caught[0] = e);
        return caught[0].problems();
    }

    /** The single problem parsing {@code text} raises; fails when there are none or several. */
    static ManifestProblem problem(String text) {
        List<ManifestProblem> problems = problems(text);
        if (problems.size() != 1) {
            throw new AssertionError("expected one problem, got " + problems.size() + ":\n"
                    + String.join("\n", problems.stream().map(ManifestProblem::toString).toList()));
        }
        return problems.get(0);
    }

    /** {@code value} as a YAML double-quoted scalar, so any character, control characters included, reaches the parser. */
    static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
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
}
