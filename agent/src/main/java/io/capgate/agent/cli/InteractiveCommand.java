package io.capgate.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.capgate.agent.engine.EngineMode;
import io.capgate.agent.supervise.RunRequest;
import io.capgate.agent.supervise.TraceRequest;
import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestBuilder;
import io.capgate.model.manifest.ManifestBuilder.BuildOptions;
import io.capgate.model.manifest.ManifestWriter;
import io.capgate.model.trace.Trace;
import io.capgate.model.trace.TraceJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code capgate interactive}: trace, build and enforce, hands-on, with a Python REPL. */
@Command(name = "interactive",
        header = "Try trace, build and run hands-on with a Python REPL.",
        mixinStandardHelpOptions = true,
        versionProvider = CapgateCli.Version.class,
        usageHelpAutoWidth = true,
        sortOptions = false,
        descriptionHeading = "%n",
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        description = {
            "Tries the whole workflow on a Python REPL: (1) traces an interactive interpreter while you use it,"
                    + " (2) builds a manifest from what it did, (3) starts the same REPL under that manifest in log"
                    + " mode, so anything new you do is reported as a violation.",
            "Writes trace.json, manifest.yaml and violations.jsonl into the output directory.",
            "Needs root (bpftrace).",
        })
final class InteractiveCommand implements Callable<Integer> {

    static final String SERVICE = "capgate-interactive";

    @ParentCommand
    private CapgateCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "python3",
            description = "The interpreter to run (default: ${DEFAULT-VALUE}, looked up on PATH).")
    private String python;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = "capgate-interactive",
            description = "Where to write the trace, the manifest and the violations (default: ./${DEFAULT-VALUE}/).")
    private Path dir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Inputs.directory(dir);
        Path traceFile = dir.resolve("trace.json");
        Path manifestFile = dir.resolve("manifest.yaml");
        Path violationsFile = dir.resolve("violations.jsonl");

        out.println("Capgate interactive: the trace -> build -> run workflow, on a Python REPL.");
        out.println();
        out.println("Step 1/3: trace. A Python REPL (" + python + ") starts under Capgate's tracer. Use it as your"
                + " program would: import modules, open files, make a request. Capgate records which syscalls"
                + " each Python module makes. Leave with exit() or Ctrl-D.");
        out.flush();
        Trace trace = cli.supervisor().trace(new TraceRequest(List.of(python), null, null, null, SERVICE, null));
        Files.writeString(traceFile, TraceJson.write(trace));
        TraceSummary summary = TraceSummary.of(trace);
        out.println();
        out.println("Traced " + summary.text() + "; wrote " + traceFile + ".");
        if (summary.lostWarning() != null) {
            err.println("capgate: " + summary.lostWarning());
            err.flush();
        }

        out.println();
        out.println("Step 2/3: build. Each module is allowed what it was seen doing (as capability groups where"
                + " possible), and every module gets the default groups " + String.join(",",
                        BuildOptions.DEFAULT_CAPABILITIES) + ":");
        Manifest manifest;
        try {
            manifest = ManifestBuilder.build(List.of(trace), BuildOptions.of(SERVICE));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.DATAERR, "cannot build a manifest from the trace: " + e.getMessage());
        }
        String yaml = ManifestWriter.toYaml(manifest);
        Files.writeString(manifestFile, yaml);
        out.println();
        yaml.lines().forEach(line -> out.println("    " + line));
        out.println();
        out.println("Wrote " + manifestFile + ".");

        out.println();
        out.println("Step 3/3: run. The same REPL starts again, now under " + manifestFile + " in log mode: do"
                + " something you did not do before (import socket; socket.create_connection(...), or"
                + " import subprocess; subprocess.run(['id'])) and Capgate reports the violation on stderr,"
                + " naming the module and the Python line. Nothing is stopped in log mode.");
        out.flush();
        ViolationPrinter printer = new ViolationPrinter(err);
        int status = cli.supervisor().run(new RunRequest(manifest, EngineMode.LOG, List.of(python), null,
                violationsFile, false, true, null, printer));
        printer.summary(violationsFile.toString());
        out.println();
        out.println("Done. The REPL exited with status " + status + ". Violations are in " + violationsFile
                + "; to enforce for real: capgate run --manifest " + manifestFile + " --on-violation kill -- "
                + python);
        out.flush();
        return status;
    }
}
