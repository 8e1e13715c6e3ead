package io.capgate.agent.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capgate.agent.os.ProcessCommandRunner;
import io.capgate.agent.os.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Re-runs {@code tools/offsets/gen-offsets.sh --check} against the 3.11 headers installed here
 * (Debian's python3.11-dev and pyenv 3.11.7): the bundled file must match both, which is what
 * lets one {@code cpython-3.11.properties} serve every 3.11 micro version seen so far.
 */
class OffsetsGeneratorIT {

    private static final Path SCRIPT = Path.of("../tools/offsets/gen-offsets.sh").toAbsolutePath().normalize();
    private static final Path BUNDLED = Path.of("src/main/resources", BundledOffsets.resourceName(
            new PythonVersion(3, 11, 0))).toAbsolutePath();

    @Test
    void bundled311MatchesDebianAndPyenvHeaders() throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT) && Files.isRegularFile(BUNDLED), "run from the agent module");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc installed");
        for (String include : List.of("/usr/include/python3.11", "/root/.pyenv/versions/3.11.7/include/python3.11")) {
            assumeTrue(Files.isRegularFile(Path.of(include, "internal/pycore_runtime.h")), include + " installed");

            CommandRunner.Result check = new ProcessCommandRunner().run(
                    List.of(SCRIPT.toString(), "--include", include, "--check", BUNDLED.toString()), null, Map.of(),
                    Duration.ofMinutes(1));

            assertThat(check.exitCode()).as(check.stderr()).isZero();
            assertThat(check.stderr()).contains("matches");
        }
    }

    @Test
    void generatorRefuses313AndMixedMinorVersions() throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "run from the agent module");
        assumeTrue(Files.isExecutable(LivePython.PYENV_313) && Files.isExecutable(LivePython.PYENV_312), "pyenv 3.12/3.13");
        ProcessCommandRunner runner = new ProcessCommandRunner();

        CommandRunner.Result p313 = runner.run(List.of(SCRIPT.toString(), "--python", LivePython.PYENV_313.toString()),
                null, Map.of(), Duration.ofMinutes(1));
        CommandRunner.Result mixed = runner.run(List.of(SCRIPT.toString(), "--python", LivePython.PYENV_311.toString(),
                "--python", LivePython.PYENV_312.toString()), null, Map.of(), Duration.ofMinutes(1));

        assertThat(p313.exitCode()).isNotZero();
        assertThat(p313.stderr()).contains("3.13+ publishes _Py_DebugOffsets");
        assertThat(mixed.exitCode()).isNotZero();
        assertThat(mixed.stderr()).contains("differ from the first source");
    }
}
