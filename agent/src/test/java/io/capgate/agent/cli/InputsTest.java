package io.capgate.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {

    @Test
    void quotesOnlyWhatTheShellWouldSplitOrExpand() {
        assertThat(Inputs.shellJoin(List.of("python3", "-m", "uvicorn", "--port=8000", "app.main:app")))
                .isEqualTo("python3 -m uvicorn --port=8000 app.main:app");
        assertThat(Inputs.shellJoin(List.of("python3", "-c", "print('hi there')", "")))
                .isEqualTo("python3 -c 'print('\\''hi there'\\'')' ''");
    }

    @Test
    void countsWithPlurals() {
        assertThat(Inputs.count(1, "module")).isEqualTo("1 module");
        assertThat(Inputs.count(0, "module")).isEqualTo("0 modules");
    }

    @Test
    void outputsMustBeCreatable(@TempDir Path dir) throws Exception {
        Inputs.requireWritable(dir.resolve("new.json"));
        assertThatThrownBy(() -> Inputs.requireWritable(dir)).isInstanceOf(CliException.class)
                .hasMessage(dir + " is a directory; give a file name");
        assertThat(Inputs.directory(dir.resolve("a/b"))).isDirectory();
        Path file = Files.writeString(dir.resolve("file"), "");
        assertThatThrownBy(() -> Inputs.directory(file.resolve("sub"))).isInstanceOf(CliException.class)
                .hasMessageStartingWith("cannot create directory " + file.resolve("sub"))
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(73));
    }

    @Test
    void tracesThatAreNotUtf8AreDataErrors(@TempDir Path dir) throws Exception {
        Path bad = Files.write(dir.resolve("t.json"), new byte[] {'{', (byte) 0xff, '}'});
        assertThatThrownBy(() -> Inputs.traces(List.of(bad.toString()), System.in)).isInstanceOf(CliException.class)
                .hasMessage(bad + ": not valid UTF-8")
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(65));
    }
}
