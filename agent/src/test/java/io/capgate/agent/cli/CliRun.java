package io.capgate.agent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/** Runs the CLI as main does, with a fake supervisor and captured stdout and stderr. */
final class CliRun {

    final FakeSupervisor supervisor = new FakeSupervisor();
    boolean terminal;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    /** Runs {@code args}; the output of earlier runs is discarded. */
    int execute(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = CapgateCli.commandLine(() -> supervisor, () -> terminal);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
