package io.capgate.agent.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestDiff;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code capgate diff}: what a new manifest allows that the old one did not, and the reverse. */
@Command(name = "diff",
        header = "Show what changed between two manifests; flag risky additions.",
        mixinStandardHelpOptions = true,
        versionProvider = CapgateCli.Version.class,
        usageHelpAutoWidth = true,
        sortOptions = false,
        descriptionHeading = "%n",
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        description = {
            "Compares two manifests for review: one line per change, '+' for what NEW allows that OLD did not, '-'"
                    + " for what it no longer allows. Additions that widen the attack surface (risky capability"
                    + " groups, exec, risky syscalls) are marked [risky].",
            "Exits 0 when they allow the same, 1 when they differ (like diff), 65 when either is invalid.",
        })
final class DiffCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The manifest before.")
    private Path oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "The manifest after.")
    private Path newFile;

    @Option(names = "--json", description = "Print the diff as JSON (empty, risky, fields, defaults, modules).")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        List<Manifest> manifests = Inputs.manifests(List.of(oldFile, newFile));
        ManifestDiff diff = ManifestDiff.between(manifests.get(0), manifests.get(1));
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(diff.toJson());
        } else {
            out.print(diff.toText());
        }
        out.flush();
        return diff.isEmpty() ? ExitCodes.OK : ExitCodes.FOUND;
    }
}
