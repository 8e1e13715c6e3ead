package io.capgate.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import io.capgate.agent.supervise.PreflightException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CapgateCliTest {

    private static final List<String> VERBS = List.of("trace", "build", "run", "interactive", "diff", "check", "demo");

    private final CliRun cli = new CliRun();

    @Test
    void helpListsEveryVerbAndTheExitCodes() {
        assertThat(cli.execute("--help")).isZero();
        assertThat(cli.out()).contains(VERBS).contains("help").contains("Exit codes:")
                .contains("65").contains("77").contains("137");
        assertThat(cli.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"trace", "build", "run", "interactive", "diff", "check", "demo"})
    void everyVerbHasHelp(String verb) {
        assertThat(cli.execute(verb, "--help")).isZero();
        assertThat(cli.out()).contains("Usage: capgate " + verb).contains("-h, --help");
        assertThat(cli.execute("help", verb)).isZero();
        assertThat(cli.out()).contains("capgate " + verb);
        assertThat(cli.execute(verb, "--version")).isZero();
        assertThat(cli.out()).startsWith("capgate ");
    }

    @Test
    void helpDoesNotMakeTheSupervisor() {
        CommandLine commandLine = CapgateCli.commandLine(() -> {
            throw new AssertionError("help must not make a supervisor");
        }, () -> false);
        commandLine.setOut(new PrintWriter(new StringWriter()));
        assertThat(commandLine.execute("--help")).isZero();
        assertThat(commandLine.execute("run", "--help")).isZero();
    }

    @Test
    void versionNamesCapgateAndJava() {
        assertThat(cli.execute("--version")).isZero();
        assertThat(cli.out()).startsWith("capgate ").contains("Java " + Runtime.version().feature());
    }

    @Test
    void noVerbIsAUsageError() {
        assertThat(cli.execute()).isEqualTo(64);
        assertThat(cli.err()).contains("capgate: give a command").contains("Commands:");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void unknownVerbsAndOptionsAreUsageErrorsWithoutStackTraces() {
        assertThat(cli.execute("trcae")).isEqualTo(64);
        assertThat(cli.err()).startsWith("capgate: ").contains("trcae").contains("trace")
                .contains("Try 'capgate --help'").doesNotContain("Exception").doesNotContain("\tat ");

        assertThat(cli.execute("diff", "--bogus", "a", "b")).isEqualTo(64);
        assertThat(cli.err()).startsWith("capgate: Unknown option: '--bogus'")
                .contains("Try 'capgate diff --help'");

        assertThat(cli.execute("build", "t.json")).isEqualTo(64);
        assertThat(cli.err()).contains("Missing required option: '--output=FILE'");
    }

    @Test
    void preflightFailuresExitWithTheirCodeAndOneLine() {
        cli.supervisor.failure = new PreflightException(PreflightException.EX_NOPERM,
                "tracing needs root (bpftrace); run with sudo");
        assertThat(cli.execute("trace", "--", "python3", "app.py")).isEqualTo(77);
        assertThat(cli.err()).endsWith("capgate: tracing needs root (bpftrace); run with sudo\n")
                .doesNotContain("Exception");
    }

    @Test
    void unexpectedExceptionsAreInternalErrors() {
        CommandLine commandLine = CapgateCli.commandLine(() -> {
            throw new IllegalStateException("boom");
        }, () -> false);
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));
        assertThat(commandLine.execute("trace", "--", "python3")).isEqualTo(70);
        assertThat(err.toString()).contains("capgate: internal error: java.lang.IllegalStateException: boom\njava.lang.IllegalStateException: boom\n\tat ");
    }

    @Test
    void interruptionExitsWith130() {
        CommandLine commandLine = CapgateCli.commandLine(() -> new FakeSupervisor() {
            @Override
            public io.capgate.model.trace.Trace trace(io.capgate.agent.supervise.TraceRequest request)
                    throws InterruptedException {
                throw new InterruptedException();
            }
        }, () -> false);
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(commandLine.execute("trace", "--", "python3")).isEqualTo(130);
    }
}
