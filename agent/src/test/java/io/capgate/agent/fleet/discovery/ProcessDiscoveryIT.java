package io.capgate.agent.fleet.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.TestClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Finds a real interpreter in the real /proc by executable and argument pattern; needs no root. */
class ProcessDiscoveryIT {

    private static final String PYTHON = "/usr/bin/python3.11";

    @Test
    void findsARunningInterpreterByExecutableAndArgumentPattern() throws Exception {
        String marker = "--marker-xyz-" + UUID.randomUUID(); // unique: other test runs may share this host
        // Printing after start-up tells us the exec happened: no polling, no sleeping.
        Process python = new ProcessBuilder(PYTHON, "-c",
                "import time; print('ready', flush=True); time.sleep(30)", marker)
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            ProcessScanner scanner = new ProcessScanner(new LinuxProcessTable(), ProcessScanner.HOST_PATHS,
                    new TestClock());

            ScanResult result = scanner.scan(Map.of(
                    "as-invoked", MatcherSpec.Executable.of(PYTHON, "time\\.sleep\\(30\\)\\S* " + marker + "$"),
                    "through-symlink", MatcherSpec.Executable.of("/usr/bin/python3", marker),
                    "other-marker", MatcherSpec.Executable.of(PYTHON, marker + "-not")));

            List<DiscoveredProcess> found = result.processes("as-invoked");
            assertThat(found).singleElement().satisfies(p -> {
                assertThat(p.pid()).isEqualTo((int) python.pid());
                assertThat(p.parentPid()).isEqualTo((int) ProcessHandle.current().pid());
                assertThat(p.executable()).isEqualTo(Path.of(PYTHON));
                assertThat(p.commandLine()).endsWith(marker);
            });
            assertThat(result.processes("through-symlink")).isEqualTo(found);
            assertThat(result.processes("other-marker")).isEmpty();
        } finally {
            python.destroyForcibly();
            python.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
