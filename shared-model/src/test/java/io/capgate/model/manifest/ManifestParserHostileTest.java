package io.capgate.model.manifest;

import static io.capgate.model.manifest.ParserTestSupport.HEADER;
import static io.capgate.model.manifest.ParserTestSupport.problem;
import static io.capgate.model.manifest.ParserTestSupport.problems;
import static io.capgate.model.manifest.ParserTestSupport.quoted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strings an attacker or a careless generator might put in a manifest, in every place a string goes, and
 * documents built to exhaust the parser. Each must be rejected with a message that is itself safe to print.
 */
class ManifestParserHostileTest {

    static final List<String> HOSTILE = List.of(
            "a\"b", "a'b", "a`id`", "{a}", "a}", "[a]", "a\nb", "a\rb", "a\tb", "a b", "os.system(", "system('id')",
            "a\u0000b", "\u0000", "$(id)", "${HOME}", "a;b", "a|b", "a&b", "a>b", "a\\b", "a%b", "a#b", "a*b",
            "\u0430pp", "app\u200b", "\u202eapp", "app\uff0emain", "\ufeffapp", "caf\u00e9", "\ud83d\ude00",
            "x".repeat(5000), "");

    /** Where each kind of string goes, as a document with the string in place. */
    static Stream<Arguments> placements() {
        List<Function<String, String>> places = List.of(
                s -> HEADER.replace("service: demo", "service: " + quoted(s)) + "modules: {}\n",
                s -> HEADER.replace("\"3.11\"", quoted(s)) + "modules: {}\n",
                s -> HEADER.replace("x86_64", quoted(s)) + "modules: {}\n",
                s -> HEADER.replace("capgate.io/v1", quoted(s)) + "modules: {}\n",
                s -> HEADER + "modules:\n  " + quoted(s) + ": {}\n",
                s -> HEADER + "modules:\n  app: {capabilities: [" + quoted(s) + "]}\n",
                s -> HEADER + "defaults: {syscalls: [" + quoted(s) + "]}\nmodules: {}\n",
                s -> HEADER + "modules:\n  app: {syscalls: [" + quoted("read:" + s) + "]}\n",
                s -> HEADER + "modules:\n  app: {exec: [" + quoted("/usr/bin/" + s) + "]}\n",
                s -> HEADER + "modules:\n  app: {" + quoted(s) + ": []}\n");
        return places.stream().flatMap(place -> HOSTILE.stream().map(s -> Arguments.of(place.apply(s), s)));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("placements")
    void hostileStringsAreRejectedWithAPrintableMessage(String document, String hostile) {
        List<ManifestProblem> problems = problems(document);
        assertThat(problems).isNotEmpty();
        for (ManifestProblem p : problems) {
            assertThat(p.message()).as("message of %s", p).matches("[\\x20-\\x7e]+").hasSizeLessThan(400);
            assertThat(p.line()).isBetween(1, 7);
        }
    }

    @Test
    void messagesQuoteAndEscapeTheOffendingValue() {
        assertThat(problem(HEADER + "modules:\n  \"app\\nimport os\": {}\n").message())
                .startsWith("invalid module name 'app\\nimport os': contains control character U+000A");
        assertThat(problem(HEADER + "modules:\n  \"a\\0b\": {}\n").message())
                .startsWith("invalid module name 'a\\u0000b': contains control character U+0000");
        assertThat(problem(HEADER + "modules:\n  \"\u0430pp\": {}\n").message())
                .startsWith("invalid module name '\\u0430pp': contains non-ASCII character U+0430");
        assertThat(problem(HEADER + "modules:\n  \"os.system('id')\": {}\n").message())
                .startsWith("invalid module name 'os.system(\\'id\\')': character '(' is not allowed");
        assertThat(problem(HEADER + "modules:\n  app: {exec: [\"/bin/$(id)\"]}\n").message())
                .startsWith("invalid exec path '/bin/$(id)': character '$' is not allowed");
    }

    @Test
    void veryLongValuesAreCutInMessages() {
        String message = problem(HEADER + "modules:\n  app: {exec: [/" + "a".repeat(100_000) + "]}\n").message();
        assertThat(message).hasSizeLessThan(200).contains("... (100001 characters)")
                .endsWith("is 100001 characters long, the limit is 1024");
    }

    @Test
    void rawControlCharactersInTheDocumentAreRejectedByTheReader() {
        ManifestProblem p = problem(HEADER + "modules:\n  app\u0007: {}\n");
        assertThat(p.line()).isEqualTo(6);
        assertThat(p.column()).isEqualTo(6);
        assertThat(p.message()).isEqualTo("character U+0007 is not allowed in a manifest");
    }

    @Test
    void documentsOverFourMebibytesAreRejectedBeforeParsing() {
        String big = HEADER + "modules: {}\n" + "#".repeat(ManifestParser.MAX_SIZE);
        assertThatThrownBy(() -> ParserTestSupport.parse(big))
                .isInstanceOf(ManifestException.class)
                .hasMessage("test.yaml:1:1: the document is longer than the 4194304 character (4 MiB) limit");
    }

    @Test
    void aliasBombIsRejectedQuickly() {
        StringBuilder yaml = new StringBuilder(HEADER + "modules: {}\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 30; i++) {
            String ref = "*a" + (i - 1);
            yaml.append("x").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, ref))).append("]\n");
        }
        List<ManifestProblem> problems = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> problems(yaml.toString()));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("alias"));
    }

    @Test
    void deepNestingIsRejected() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        List<ManifestProblem> problems = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> problems(HEADER + "modules: {}\ndefaults: " + deep + "\n"));
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).containsIgnoringCase("nesting"));
    }

    @Test
    void manyEntriesDoNotMakeTheParserSlow() {
        StringBuilder yaml = new StringBuilder(HEADER + "modules:\n");
        for (int i = 0; i < 20_000; i++) {
            yaml.append("  m").append(i).append(": {capabilities: [io], syscalls: [getrandom]}\n");
        }
        Manifest manifest = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> ParserTestSupport.parse(yaml.toString()));
        assertThat(manifest.modules()).hasSize(20_000);
    }
}
