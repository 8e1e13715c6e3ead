package io.capgate.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import io.capgate.agent.supervise.TraceRequest;
import io.capgate.model.manifest.ManifestGrammar;
import io.capgate.model.trace.Trace;
import io.capgate.model.trace.TraceJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code capgate trace}: records which syscalls each Python module makes. */
@Command(name = "trace",
        header = "Record which syscalls each Python module of a program makes.",
        mixinStandardHelpOptions = true,
        versionProvider = CapgateCli.Version.class,
        usageHelpAutoWidth = true,
        sortOptions = false,
        descriptionHeading = "%n",
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        customSynopsis = {
            "capgate trace [-o FILE] [--app-root DIR] [--service NAME]",
            "                     [--] CMD [ARGS...]",
            "   or: capgate trace --pid PID [--duration DURATION] [-o FILE]",
            "                     [--app-root DIR] [--service NAME]",
        },
        description = {
            "Runs CMD (a Python program) as you, or attaches to the running CPython process PID, and records per"
                    + " Python module which syscalls it makes and which programs it runs. A started command is"
                    + " traced until it exits (or Ctrl-C); an attached process for --duration (or until Ctrl-C).",
            "Exercise the program as in production while it is traced: what the trace misses, the manifest"
                    + " will not allow. Then: capgate build trace.json -o manifest.yaml",
            "Needs root (bpftrace).",
        })
final class TraceCommand implements Callable<Integer> {

    @ParentCommand
    private CapgateCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "trace.json",
            description = "Where to write the trace (default: ${DEFAULT-VALUE}).")
    private Path output;

    @Option(names = "--app-root", paramLabel = "DIR",
            description = "The application's root directory; modules under it are named against it"
                    + " (default: worked out from the command).")
    private Path appRoot;

    @Option(names = "--python", paramLabel = "PATH",
            description = "The Python interpreter the command runs on, when the command does not show it"
                    + " (default: worked out from the command, following #! lines and pyenv shims).")
    private Path python;

    @Option(names = "--service", paramLabel = "NAME",
            description = "Service name recorded in the trace (default: the program's name).")
    private String service;

    @Option(names = "--pid", paramLabel = "PID", description = "Attach to this running CPython process.")
    private Integer pid;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --pid: how long to trace, e.g. 500ms, 30s, 2m, 1h (default: until Ctrl-C).")
    private Duration duration;

    @Parameters(paramLabel = "CMD", arity = "0..*", description = "The program to start and its arguments.")
    private List<String> command = List.of();

    @Override
    public Integer call() throws Exception {
        validate();
        Inputs.requireWritable(output);
        PrintWriter err = spec.commandLine().getErr();
        ProgressLine progress = cli.terminal() ? new ProgressLine(err) : null;
        TraceRequest request = new TraceRequest(pid == null ? command : List.of(), pid, duration, appRoot, service,
                progress, null, python);
        err.println("capgate: tracing " + (pid != null ? "pid " + pid + (duration != null
                ? " for " + DurationConverter.format(duration) : " until Ctrl-C") : Inputs.shellJoin(command)));
        err.flush();
        Trace trace;
        try {
            trace = cli.supervisor().trace(request);
        } finally {
            if (progress != null) {
                progress.clear();
            }
        }
        Inputs.write(output.toString(), TraceJson.write(trace), spec.commandLine().getOut());
        TraceSummary summary = TraceSummary.of(trace);
        err.println("capgate: traced " + summary.text());
        if (summary.lostWarning() != null) {
            err.println("capgate: " + summary.lostWarning());
        }
        err.println("capgate: wrote " + output + "; next: capgate build " + output + " -o manifest.yaml");
        err.flush();
        return ExitCodes.OK;
    }

    private void validate() {
        if (pid != null && !command.isEmpty()) {
            throw usage("give either a command or --pid, not both");
        }
        if (pid == null && command.isEmpty()) {
            throw usage("give the command to trace (capgate trace -- python3 app.py) or --pid PID");
        }
        if (pid != null && pid <= 0) {
            throw usage("--pid must be a positive process id, got " + pid);
        }
        if (duration != null && pid == null) {
            throw usage("--duration applies to --pid only; a started command is traced until it exits");
        }
        if (Inputs.STDIO.equals(output.toString())) {
            throw usage("-o - is not supported: the traced program writes to standard output; give a file name");
        }
        if (service != null) {
            ManifestGrammar.checkService(service).ifPresent(problem -> {
                throw usage("--service: " + problem);
            });
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
