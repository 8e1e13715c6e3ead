package io.capgate.agent.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCommandRunnerTest {

    private final CommandRunner runner = new ProcessCommandRunner();

    @Test
    void collectsOutputExitCodeAndEnvironment(@TempDir Path dir) throws Exception {
        CommandRunner.Result result = runner.run(List.of("sh", "-c", "echo \"$FOO\"; pwd; echo oops >&2; exit 3"),
                dir, Map.of("FOO", "bar"), Duration.ofSeconds(10));

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("bar\n" + dir.toRealPath() + "\n");
        assertThat(result.stderr()).isEqualTo("oops\n");
    }

    @Test
    void killsWhatOverrunsTheTimeout() {
        assertThatThrownBy(() -> runner.run(List.of("sleep", "30"), null, Map.of(), Duration.ofMillis(200)))
                .isInstanceOf(IOException.class).hasMessage("[sleep, 30] did not finish within PT0.2S");
    }
}
