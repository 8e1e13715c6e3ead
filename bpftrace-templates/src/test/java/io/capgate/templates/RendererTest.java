package io.capgate.templates;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RendererTest {

    private Bindings sample() {
        return new Bindings().string("label", "x").integer("pid", 42)
                .entries("entries", List.of(MapEntry.of("pfx", 5, -3750763034362895579L)))
                .probePath("binary", "/usr/bin/python3.11").symbol("symbol", "Py_BytesMain");
    }

    @Test
    void fillsEverySlotWithTypedValues() {
        assertThat(Renderer.render("sample.bt.tmpl", sample())).isEqualTo("""
                BEGIN {
                  $label = "x";
                  @n[42] = 1;
                  @pfx[-3750763034362895579] = 5;
                }
                uprobe:/usr/bin/python3.11:Py_BytesMain { }
                """);
    }

    @Test
    void anUnboundSlotIsAnErrorNotAnEmptyString() {
        Bindings b = new Bindings().string("label", "x").integer("pid", 1).entries("entries", List.of())
                .probePath("binary", "/usr/bin/python3.11");
        assertThatThrownBy(() -> Renderer.render("sample.bt.tmpl", b))
                .isInstanceOf(TemplateException.class).hasMessageContaining("{{symbol}}");
    }

    @Test
    void aSlotCannotBeBoundTwice() {
        assertThatThrownBy(() -> new Bindings().integer("a", 1).integer("a", 2))
                .isInstanceOf(TemplateException.class).hasMessageContaining("bound twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"); system(\"id", "a\nb", "}\n} BEGIN { system(\"id\") }", "\\\"", "x\0y", "é",
            "${x}", "\u202e"})
    void hostileStringsStayOneLiteral(String hostile) {
        String literal = BpfLiterals.string(hostile);

        assertThat(literal).startsWith("\"").endsWith("\"");
        String inner = literal.substring(1, literal.length() - 1);
        assertThat(inner).doesNotContain("\n").doesNotContain("\0").matches("[\\x20-\\x7e]*");
        // Every quote inside is escaped, so the literal cannot end early.
        assertThat(inner.replace("\\\\", "").replace("\\\"", "")).doesNotContain("\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative/path", "/usr/bin/py thon", "/usr/bin/x:y", "/a/../b", "/a//b", "/a\nb",
            "/usr/bin/$(id)", "/usr/bin/x{", "/usr/bin/x\""})
    void probePathsOutsideTheGrammarAreRefused(String path) {
        assertThatThrownBy(() -> BpfLiterals.probePath(path)).isInstanceOf(TemplateException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Py_BytesMain; system", "1abc", "a b", "a:b", ""})
    void symbolsMustBeIdentifiers(String symbol) {
        assertThatThrownBy(() -> BpfLiterals.symbol(symbol)).isInstanceOf(TemplateException.class);
    }

    @Test
    void mapEntriesTakeOnlyIntegersAndCheckedMapNames() {
        assertThat(MapEntry.of("allow", -1, 16, 3).render()).isEqualTo("  @allow[16, 3] = -1;");
        assertThatThrownBy(() -> MapEntry.of("allow]; system(\"id\"); @x[", 1, 1))
                .isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> MapEntry.of("ok", 1)).isInstanceOf(TemplateException.class);
    }

    @Test
    void onlyNamedTemplatesFromTheClasspathLoad() {
        assertThatThrownBy(() -> Renderer.render("../../etc/passwd", new Bindings()))
                .isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> Renderer.render("missing.bt.tmpl", new Bindings()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("no template");
    }
}
