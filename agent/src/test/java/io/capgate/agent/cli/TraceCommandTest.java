package io.capgate.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.capgate.agent.supervise.TraceRequest;
import io.capgate.agent.supervise.TraceRequest.Progress;
import io.capgate.model.trace.TraceFixtures;
import io.capgate.model.trace.TraceJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCommandTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    @Test
    void tracesTheCommandAndWritesTheTrace() throws Exception {
        Path out = dir.resolve("t.json");
        int code = cli.execute("trace", "-o", out.toString(), "--app-root", "/srv/app", "--service", "shop",
                "--", "python3", "-m", "app", "--verbose");

        assertThat(code).isZero();
        TraceRequest request = cli.supervisor.traces.getFirst();
        assertThat(request.command()).containsExactly("python3", "-m", "app", "--verbose");
        assertThat(request.pid()).isNull();
        assertThat(request.duration()).isNull();
        assertThat(request.appRoot()).isEqualTo(Path.of("/srv/app"));
        assertThat(request.service()).isEqualTo("shop");
        assertThat(Files.readString(out)).isEqualTo(TraceJson.write(TraceFixtures.aTrace()))
                .isEqualTo(TraceFixtures.A_TRACE_JSON);
        assertThat(cli.err()).contains("capgate: traced 3 modules, 855 syscalls (12 distinct), 1 exec,"
                + " 0 lost events in 60.0 s").contains("capgate: wrote " + out).doesNotContain("warning");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void pythonNamesTheInterpreterWhenTheCommandDoesNot() throws Exception {
        Path out = dir.resolve("t.json");
        assertThat(cli.execute("trace", "-o", out.toString(), "--python", "/usr/bin/python3.11", "--",
                "./launcher", "serve")).isZero();

        assertThat(cli.supervisor.traces.getFirst().python()).isEqualTo(Path.of("/usr/bin/python3.11"));
    }

    @Test
    void everythingFromTheProgramOnBelongsToIt() {
        assertThat(cli.execute("trace", "-o", dir.resolve("t.json").toString(), "python3", "app.py", "-o", "x",
                "--pid", "1")).isZero();
        assertThat(cli.supervisor.traces.getFirst().command())
                .containsExactly("python3", "app.py", "-o", "x", "--pid", "1");
    }

    @Test
    void attachesToAPidForADuration() {
        assertThat(cli.execute("trace", "--pid", "4242", "--duration", "2m", "-o", dir.resolve("t.json").toString()))
                .isZero();
        TraceRequest request = cli.supervisor.traces.getFirst();
        assertThat(request.pid()).isEqualTo(4242);
        assertThat(request.command()).isEmpty();
        assertThat(request.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(cli.err()).contains("capgate: tracing pid 4242 for 2m");
    }

    @Test
    void writesTraceJsonByDefault() throws Exception {
        // The default is relative to the working directory; check the option's default rather than write there.
        assertThat(cli.execute("trace", "--help")).isZero();
        assertThat(cli.out()).contains("(default: trace.json)");
    }

    @Test
    void refusesConflictingOrMissingTargets() {
        assertThat(cli.execute("trace", "--pid", "1", "--", "python3")).isEqualTo(64);
        assertThat(cli.err()).startsWith("capgate: give either a command or --pid, not both");

        assertThat(cli.execute("trace")).isEqualTo(64);
        assertThat(cli.err()).startsWith("capgate: give the command to trace");

        assertThat(cli.execute("trace", "--duration", "30s", "--", "python3")).isEqualTo(64);
        assertThat(cli.err()).startsWith("capgate: --duration applies to --pid only");

        assertThat(cli.execute("trace", "--pid", "0")).isEqualTo(64);
        assertThat(cli.execute("trace", "--pid", "x")).isEqualTo(64);
        assertThat(cli.execute("trace", "--service", "Bad Name", "--", "python3")).isEqualTo(64);
        assertThat(cli.err()).startsWith("capgate: --service: ");
        assertThat(cli.execute("trace", "-o", "-", "--", "python3")).isEqualTo(64);

        assertThat(cli.supervisor.traces).isEmpty();
    }

    @Test
    void anUnwritableOutputFailsBeforeTracing() {
        Path out = dir.resolve("missing/t.json");
        assertThat(cli.execute("trace", "-o", out.toString(), "--", "python3")).isEqualTo(73);
        assertThat(cli.err()).isEqualTo("capgate: cannot create " + out + ": directory " + out.getParent()
                + " does not exist\n");
        assertThat(cli.supervisor.traces).isEmpty();
    }

    @Test
    void drawsOneUpdatingProgressLineOnATerminal() {
        cli.terminal = true;
        cli.supervisor.progress = List.of(new Progress(1200, 3, 0), new Progress(80, 1, 2));
        assertThat(cli.execute("trace", "-o", dir.resolve("t.json").toString(), "--", "python3")).isZero();
        assertThat(cli.err()).contains("\rtracing: 1200 syscalls/s, 3 modules\033[K")
                .contains("\rtracing: 80 syscalls/s, 1 module, 2 events lost\033[K")
                .contains("\r\033[Kcapgate: traced 3 modules");
    }

    @Test
    void noProgressLineWithoutATerminal() {
        cli.supervisor.progress = List.of(new Progress(1200, 3, 0));
        assertThat(cli.execute("trace", "-o", dir.resolve("t.json").toString(), "--", "python3")).isZero();
        assertThat(cli.err()).doesNotContain("tracing: ").doesNotContain("\r");
    }

    @Test
    void warnsWhenEventsWereLost() {
        cli.supervisor.trace = TraceFixtures.trace().lostEvents(17).build();
        assertThat(cli.execute("trace", "-o", dir.resolve("t.json").toString(), "--", "python3")).isZero();
        assertThat(cli.err()).contains("17 lost events")
                .contains("capgate: warning: the kernel dropped 17 events, so the trace is incomplete");
    }
}
