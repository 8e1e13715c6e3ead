package io.capgate.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestChecker;
import io.capgate.model.manifest.ManifestChecker.Finding;
import io.capgate.model.trace.Trace;
import io.capgate.model.trace.TraceMerger;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code capgate check}: would this trace have caused violations under this manifest? */
@Command(name = "check",
        header = "List what a trace did that a manifest does not allow.",
        mixinStandardHelpOptions = true,
        versionProvider = CapgateCli.Version.class,
        usageHelpAutoWidth = true,
        sortOptions = false,
        descriptionHeading = "%n",
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        description = {
            "Replays traces against a manifest offline: every syscall or exec a module made that the manifest"
                    + " does not allow would have been a violation. Use it before a manifest goes live, e.g. on"
                    + " traces of a new release.",
            "Exits 0 when there is nothing, 1 when there are findings, 65 when an input is invalid.",
        })
final class CheckCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "TRACE", arity = "1..*",
            description = "Trace files (several are merged); - reads stdin.")
    private List<String> traces;

    @Option(names = "--manifest", paramLabel = "FILE", required = true, description = "The manifest to check.")
    private Path manifestFile;

    @Option(names = "--json", description = "Print the findings as JSON.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        Manifest manifest = Inputs.manifest(manifestFile);
        Trace trace;
        List<Finding> findings;
        try {
            trace = TraceMerger.merge(Inputs.traces(traces, System.in));
            findings = ManifestChecker.check(trace, manifest);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.DATAERR, "cannot check: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(findings));
        } else {
            out.print(table(findings));
            out.println(findings.isEmpty()
                    ? "no findings: " + manifestFile + " allows everything the trace observed"
                    : Inputs.count(findings.size(), "finding") + ": these would have been violations under "
                            + manifestFile);
        }
        out.flush();
        if (trace.lostEvents() > 0) {
            spec.commandLine().getErr().println("capgate: warning: the trace lost "
                    + Inputs.count(trace.lostEvents(), "event") + "; it may not show everything the program did");
            spec.commandLine().getErr().flush();
        }
        return findings.isEmpty() ? ExitCodes.OK : ExitCodes.FOUND;
    }

    private String json(List<Finding> findings) {
        ObjectNode root = JSON.createObjectNode();
        root.put("manifest", manifestFile.toString());
        ArrayNode names = root.putArray("traces");
        traces.forEach(names::add);
        root.put("count", findings.size());
        ArrayNode items = root.putArray("findings");
        for (Finding f : findings) {
            ObjectNode item = items.addObject();
            item.put("module", f.module());
            item.put("kind", f.kind());
            item.put("name", f.name());
            item.put("count", f.count());
        }
        return JSON.writeValueAsString(root);
    }

    /** MODULE, KIND, NAME and COUNT columns, aligned; "" without findings. */
    static String table(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "";
        }
        int module = "MODULE".length();
        int kind = "KIND".length();
        int name = "NAME".length();
        int count = "COUNT".length();
        for (Finding f : findings) {
            module = Math.max(module, f.module().length());
            kind = Math.max(kind, f.kind().length());
            name = Math.max(name, f.name().length());
            count = Math.max(count, Long.toString(f.count()).length());
        }
        String format = "%-" + module + "s  %-" + kind + "s  %-" + name + "s  %" + count + "s\n";
        StringBuilder out = new StringBuilder(String.format(format, "MODULE", "KIND", "NAME", "COUNT"));
        findings.forEach(f -> out.append(String.format(format, f.module(), f.kind(), f.name(), f.count())));
        return out.toString();
    }
}
