package io.capgate.agent.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InterpreterFactsTest {

    /** What Debian's /usr/bin/python3.11 prints. */
    static final String DEBIAN = """
            {"implementation": "cpython", "version": "3.11.2", "hexVersion": 51053296,
             "executable": "/usr/bin/python3.11", "prefix": "/usr", "basePrefix": "/usr", "venv": false,
             "stdlib": "/usr/lib/python3.11", "platstdlib": "/usr/lib/python3.11",
             "purelib": "/usr/local/lib/python3.11/dist-packages", "platlib": "/usr/local/lib/python3.11/dist-packages",
             "sitePackages": ["/usr/local/lib/python3.11/dist-packages", "/usr/lib/python3/dist-packages",
                              "/usr/lib/python3.11/dist-packages"],
             "userSite": "/root/.local/lib/python3.11/site-packages", "userSiteEnabled": true,
             "libdir": "/usr/lib/x86_64-linux-gnu", "ldlibrary": "libpython3.11.so"}
            """;

    @Test
    void parsesTheFactsScriptOutput() {
        InterpreterFacts facts = InterpreterFacts.parse(DEBIAN, "/usr/bin/python3.11");

        assertThat(facts.isCPython()).isTrue();
        assertThat(facts.version()).isEqualTo(new PythonVersion(3, 11, 2));
        assertThat(facts.stdlib()).isEqualTo(Path.of("/usr/lib/python3.11"));
        assertThat(facts.sitePackages()).containsExactly(Path.of("/usr/local/lib/python3.11/dist-packages"),
                Path.of("/usr/lib/python3/dist-packages"), Path.of("/usr/lib/python3.11/dist-packages"));
        assertThat(facts.libdir()).isEqualTo(Path.of("/usr/lib/x86_64-linux-gnu"));
        assertThat(facts.venv()).isFalse();
    }

    @Test
    void explainsUnexpectedOutput() {
        assertThatThrownBy(() -> InterpreterFacts.parse("Traceback (most recent call last):", "py"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("py did not print JSON");
        assertThatThrownBy(() -> InterpreterFacts.parse("[1]", "py")).hasMessage("py did not print a JSON object");
        assertThatThrownBy(() -> InterpreterFacts.parse(DEBIAN.replace("\"stdlib\"", "\"x\""), "py"))
                .hasMessage("py: missing or non-text field stdlib");
    }
}
