package io.capgate.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.capgate.agent.engine.EngineMode;
import io.capgate.agent.supervise.RunRequest;
import io.capgate.agent.supervise.Violation;
import io.capgate.model.manifest.Manifest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code capgate run}: runs a program, or watches a running one, under a manifest. */
@Command(name = "run",
        header = "Run a program (or watch a running one) under a manifest.",
        mixinStandardHelpOptions = true,
        versionProvider = CapgateCli.Version.class,
        usageHelpAutoWidth = true,
        sortOptions = false,
        descriptionHeading = "%n",
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        customSynopsis = {
            "capgate run --manifest FILE [--on-violation MODE] [--violations FILE]",
            "                   [--fail-closed] [--no-floor] [--app-root DIR]",
            "                   [--] CMD [ARGS...]",
            "   or: capgate run --manifest FILE --pid PID [--on-violation MODE]",
            "                   [--violations FILE] [--fail-closed] [--app-root DIR]",
        },
        description = {
            "Runs CMD (a Python program) as you, or attaches to the running CPython process PID, and enforces the"
                    + " manifest: a syscall or exec a module is not allowed is a violation, printed on stderr"
                    + " as it happens and then logged, stopped (SIGSTOP) or killed (SIGKILL).",
            "The manifest is checked first; if it is invalid every problem is printed as file:line:col: message"
                    + " and nothing starts (exit 65).",
            "Exits with the program's status (128 + signal when it died of one: 137 when killed).",
            "Needs root (bpftrace).",
        })
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    private CapgateCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--manifest", paramLabel = "FILE", required = true, description = "The manifest to enforce.")
    private Path manifest;

    @Option(names = "--on-violation", paramLabel = "MODE", defaultValue = "log",
            converter = EnforceModeConverter.class, completionCandidates = EnforceModeConverter.Candidates.class,
            description = "What to do on a violation: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private EngineMode mode;

    @Option(names = "--violations", paramLabel = "FILE",
            description = "Also append each violation to FILE as a JSON line.")
    private Path violationsFile;

    @Option(names = "--fail-closed",
            description = "Kill the program if bpftrace dies, rather than leave it running unwatched.")
    private boolean failClosed;

    @Option(names = "--no-floor",
            description = "Do not install the seccomp floor: a process-wide seccomp filter, set before exec, that"
                    + " refuses syscalls no module is allowed (started commands in stop and kill modes).")
    private boolean noFloor;

    @Option(names = "--app-root", paramLabel = "DIR",
            description = "The application's root directory, as when tracing (default: worked out from the"
                    + " command).")
    private Path appRoot;

    @Option(names = "--python", paramLabel = "PATH",
            description = "The Python interpreter the command runs on, when the command does not show it"
                    + " (default: worked out from the command, following #! lines and pyenv shims).")
    private Path python;

    @Option(names = "--pid", paramLabel = "PID", description = "Attach to this running CPython process.")
    private Integer pid;

    @Parameters(paramLabel = "CMD", arity = "0..*", description = "The program to start and its arguments.")
    private List<String> command = List.of();

    @Override
    public Integer call() throws Exception {
        validate();
        Manifest policy = Inputs.manifest(manifest);
        if (violationsFile != null) {
            Inputs.requireWritable(violationsFile);
        }
        PrintWriter err = spec.commandLine().getErr();
        ViolationPrinter printer = new ViolationPrinter(err);
        RunRequest request = new RunRequest(policy, mode, pid == null ? command : List.of(), pid, violationsFile,
                failClosed, !noFloor, appRoot, printer, null, python);
        int status = cli.supervisor().run(request);
        printer.summary(violationsFile == null ? null : violationsFile.toString());
        return status;
    }

    private void validate() {
        if (pid != null && !command.isEmpty()) {
            throw usage("give either a command or --pid, not both");
        }
        if (pid == null && command.isEmpty()) {
            throw usage("give the command to run (capgate run --manifest m.yaml -- python3 app.py) or --pid PID");
        }
        if (pid != null && pid <= 0) {
            throw usage("--pid must be a positive process id, got " + pid);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
