package io.capgate.agent.cli;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestBuilder;
import io.capgate.model.manifest.ManifestBuilder.BuildOptions;
import io.capgate.model.manifest.ManifestGrammar;
import io.capgate.model.manifest.ManifestWriter;
import io.capgate.model.syscalls.CapabilityCatalog;
import io.capgate.model.trace.Trace;
import io.capgate.model.trace.TraceMerger;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code capgate build}: a first manifest from what traces observed. */
@Command(name = "build",
        header = "Build a manifest from traces.",
        mixinStandardHelpOptions = true,
        versionProvider = CapgateCli.Version.class,
        usageHelpAutoWidth = true,
        sortOptions = false,
        descriptionHeading = "%n",
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        description = {
            "Builds a manifest from one or more traces of the same service (merged): each module is granted the"
                    + " capability groups and syscalls it was seen using, and the programs it ran. Every module"
                    + " also gets the --defaults groups.",
            "The result is a draft: review it (capgate diff against the previous one), then enforce it with"
                    + " capgate run.",
        })
final class BuildCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "TRACE", arity = "1..*", description = "Trace files (capgate trace); - reads stdin.")
    private List<String> traces;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "Where to write the manifest (canonical YAML); - prints it.")
    private String output;

    @Option(names = "--service", paramLabel = "NAME",
            description = "Service name for the manifest (default: the first trace's).")
    private String service;

    @Option(names = "--defaults", paramLabel = "GROUPS", split = ",",
            description = "Capability groups every module gets, comma separated (default: sys.basic,mem);"
                    + " '' for none.")
    private List<String> defaults;

    @Override
    public Integer call() throws Exception {
        if (service != null) {
            ManifestGrammar.checkService(service).ifPresent(problem -> {
                throw new ParameterException(spec.commandLine(), "--service: " + problem);
            });
        }
        if (output.isBlank()) {
            throw new ParameterException(spec.commandLine(), "-o needs a file name, or - for standard output");
        }
        if (!Inputs.STDIO.equals(output)) {
            Inputs.requireWritable(java.nio.file.Path.of(output));
        }
        List<Trace> read = Inputs.traces(traces, System.in);
        Manifest manifest;
        try {
            manifest = ManifestBuilder.build(read, new BuildOptions(service, defaultGroups()));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.DATAERR, "cannot build a manifest: " + e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        long lost = TraceMerger.merge(read).lostEvents();
        if (lost > 0) {
            err.println("capgate: warning: the traces lost " + Inputs.count(lost, "event")
                    + "; the manifest may miss syscalls the program needs");
        }
        Inputs.write(output, ManifestWriter.toYaml(manifest), spec.commandLine().getOut());
        if (!Inputs.STDIO.equals(output)) {
            err.println("capgate: wrote " + output + " (" + Inputs.count(manifest.modules().size(), "module")
                    + "); review it, then: capgate run --manifest " + output + " -- CMD");
        }
        err.flush();
        return ExitCodes.OK;
    }

    /** The --defaults groups, or null for the builder's defaults. */
    private Set<String> defaultGroups() {
        if (defaults == null) {
            return null;
        }
        Set<String> groups = new LinkedHashSet<>();
        defaults.stream().map(String::strip).filter(g -> !g.isEmpty()).forEach(groups::add);
        CapabilityCatalog catalog = CapabilityCatalog.standard();
        for (String group : groups) {
            if (catalog.group(group).isEmpty()) {
                List<String> near = catalog.closest(group, 3);
                throw new ParameterException(spec.commandLine(), "--defaults: unknown capability group '" + group
                        + "'" + (near.isEmpty() ? "" : "; did you mean " + String.join(", ", near) + "?"));
            }
        }
        return groups;
    }
}
