package io.capgate.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestGrammarTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo", "fastapi-demo", "a", "0", "svc.v2_x", "a23456789012345678901234567890123456789012345678901234567890123"})
    void validServiceNames(String name) {
        assertThat(ManifestGrammar.checkService(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Demo", "_demo", ".demo", "de mo", "demo!", "a234567890123456789012345678901234567890123456789012345678901234"})
    void invalidServiceNames(String name) {
        assertThat(ManifestGrammar.checkService(name)).get().asString().startsWith("invalid service name ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"app", "app.main", "_private", "A.B_c.d9", "my-script", "app.my-script", "<interpreter>", "<exec>", "<stdin>", "<string>", "<unknown>"})
    void validModuleNames(String name) {
        assertThat(ManifestGrammar.checkModule(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9app", "app.", "app..x", "-app", "app.-x", "<main>", "<interpreter", "app\u0660", "app\u00e9"})
    void invalidModuleNames(String name) {
        assertThat(ManifestGrammar.checkModule(name)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/usr/bin/git", "/a", "/opt/app-1.2/bin/run+x", "/usr/lib/x86_64@v2/tool", "/a/..b/c.."})
    void validExecPaths(String path) {
        assertThat(ManifestGrammar.checkExecPath(path)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "git", "./git", "/usr/bin/", "//usr/bin", "/usr/./bin", "/usr/bin/..", "/.", "/a b",
            "/usr/bin/git\u0000", "/usr/bin/g\u0456t"})
    void invalidExecPaths(String path) {
        assertThat(ManifestGrammar.checkExecPath(path)).isPresent();
    }

    @Test
    void execPathLengthLimit() {
        String max = "/" + "a".repeat(ManifestGrammar.EXEC_MAX - 1);
        assertThat(ManifestGrammar.checkExecPath(max)).isEmpty();
        assertThat(ManifestGrammar.checkExecPath(max + "a")).get().asString()
                .endsWith("is 1025 characters long, the limit is 1024");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.0", "3.9", "3.11", "3.99"})
    void validPythonVersions(String version) {
        assertThat(ManifestGrammar.checkPython(version)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "3.", "3.100", "2.7", "3.11.1", "3.\u0661"})
    void invalidPythonVersions(String version) {
        assertThat(ManifestGrammar.checkPython(version)).isPresent();
    }

    @Test
    void syntaxOfCapabilitiesAndSyscalls() {
        assertThat(ManifestGrammar.checkCapabilitySyntax("net.connect")).isEmpty();
        assertThat(ManifestGrammar.checkCapabilitySyntax("Net.connect")).isPresent();
        assertThat(ManifestGrammar.checkSyscallSyntax("openat:write")).isEmpty();
        assertThat(ManifestGrammar.checkSyscallSyntax("syscall_451")).isEmpty();
        assertThat(ManifestGrammar.checkSyscallSyntax("openat:")).isPresent();
        assertThat(ManifestGrammar.checkSyscallSyntax("open at")).get().asString()
                .isEqualTo("invalid syscall 'open at': character ' ' is not allowed; expected a syscall name with an"
                        + " optional :variant, e.g. openat:write");
    }

    @Test
    void showEscapesAndCuts() {
        assertThat(ManifestGrammar.show("it's")).isEqualTo("'it\\'s'");
        assertThat(ManifestGrammar.show("a\\b\n\t\r\u0000\u00e9")).isEqualTo("'a\\\\b\\n\\t\\r\\u0000\\u00E9'");
        assertThat(ManifestGrammar.show("x".repeat(61))).isEqualTo("'" + "x".repeat(60) + "'... (61 characters)");
        assertThat(ManifestGrammar.show(null)).isEqualTo("null");
    }

    @Test
    void reasonsNameTheFirstOffendingCharacter() {
        assertThat(ManifestGrammar.checkModule("app{x}")).get().asString()
                .startsWith("invalid module name 'app{x}': character '{' is not allowed; expected a dotted Python");
        assertThat(ManifestGrammar.checkModule("a\u202eb")).get().asString()
                .isEqualTo("invalid module name 'a\\u202Eb': contains non-ASCII character U+202E");
        assertThat(ManifestGrammar.checkService("a\u007f")).get().asString()
                .isEqualTo("invalid service name 'a\\u007F': contains control character U+007F");
    }
}
