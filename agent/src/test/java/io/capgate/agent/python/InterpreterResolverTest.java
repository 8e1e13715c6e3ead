package io.capgate.agent.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.agent.os.CommandRunner;
import io.capgate.agent.python.elf.ElfFile;
import io.capgate.agent.python.elf.FakePython;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpreterResolverTest {

    @TempDir
    Path dir;
    private Path bin;
    private Path python;
    private final List<List<String>> commands = new ArrayList<>();
    private String pyenvAnswer = "";

    private final CommandRunner runner = (command, cwd, env, timeout) -> {
        commands.add(command);
        return new CommandRunner.Result(0, pyenvAnswer, "");
    };

    @BeforeEach
    void interpreterOnPath() throws IOException {
        bin = Files.createDirectories(dir.resolve("bin"));
        python = executable(bin.resolve("python3.11"), FakePython.bytes(ElfFile.ET_EXEC));
        Files.createSymbolicLink(bin.resolve("python3"), Path.of("python3.11"));
    }

    private InterpreterResolver resolver() {
        return new InterpreterResolver(dir.resolve("empty") + "::" + bin, dir, runner);
    }

    @Test
    void findsArgv0OnPathAndResolvesSymlinks() throws Exception {
        ResolvedInterpreter r = resolver().resolve("python3");

        assertThat(r.command()).isEqualTo(bin.resolve("python3"));
        assertThat(r.interpreter()).isEqualTo(bin.resolve("python3"));
        assertThat(r.executable()).isEqualTo(python.toRealPath());
        assertThat(r.isScript()).isFalse();
    }

    @Test
    void followsAShebangWithASpace() throws Exception {
        executable(bin.resolve("uvicorn"), ("#! " + bin.resolve("python3") + "\nimport uvicorn\n").getBytes());

        ResolvedInterpreter r = resolver().resolve("uvicorn");

        assertThat(r.command()).isEqualTo(bin.resolve("uvicorn"));
        assertThat(r.interpreter()).isEqualTo(bin.resolve("python3"));
        assertThat(r.executable()).isEqualTo(python.toRealPath());
        assertThat(r.chain()).containsExactly(bin.resolve("uvicorn"), bin.resolve("python3"));
        assertThat(r.isScript()).isTrue();
    }

    @Test
    void followsEnvShebangsThroughPath() throws Exception {
        executable(dir.resolve("app.py"), "#!/usr/bin/env -S python3 -u\nprint('hi')\n".getBytes());

        ResolvedInterpreter r = resolver().resolve("./app.py");

        assertThat(r.command()).isEqualTo(dir.resolve("./app.py"));
        assertThat(r.interpreter()).isEqualTo(bin.resolve("python3"));
        assertThat(r.interpreterArguments()).containsExactly("-u");
    }

    @Test
    void asksPyenvWhichInterpreterAShimRuns() throws Exception {
        Path shims = Files.createDirectories(dir.resolve("shims"));
        executable(shims.resolve("python3"), """
                #!/usr/bin/env bash
                set -e
                program="${0##*/}"
                export PYENV_ROOT="/root/.pyenv"
                exec "/root/.pyenv/libexec/pyenv" exec "$program" "$@"
                """.getBytes());
        pyenvAnswer = python + "\n";

        ResolvedInterpreter r = new InterpreterResolver(shims.toString(), dir, runner).resolve("python3");

        assertThat(commands).containsExactly(List.of("/root/.pyenv/libexec/pyenv", "which", "python3"));
        assertThat(r.interpreter()).isEqualTo(python);
        assertThat(r.chain()).containsExactly(shims.resolve("python3"), python);
    }

    @Test
    void explainsFailures() throws Exception {
        executable(bin.resolve("data"), "just text".getBytes());
        executable(bin.resolve("broken"), "#!/nonexistent/python\n".getBytes());
        executable(bin.resolve("loop"), ("#!" + bin.resolve("loop") + "\n").getBytes());
        Files.write(bin.resolve("notexec"), "#!/bin/sh\n".getBytes());

        assertThatThrownBy(() -> resolver().resolve("nope")).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("not found on PATH=");
        assertThatThrownBy(() -> resolver().resolve("notexec")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> resolver().resolve("data")).isInstanceOf(IOException.class)
                .hasMessage(bin.resolve("data") + " is neither an ELF executable nor a #! script");
        assertThatThrownBy(() -> resolver().resolve("broken")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> resolver().resolve("loop")).hasMessageStartingWith("more than 4 nested interpreters");
    }

    private static Path executable(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
