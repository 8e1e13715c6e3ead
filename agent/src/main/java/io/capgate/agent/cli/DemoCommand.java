package io.capgate.agent.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code capgate demo}: the guided tour on the bundled FastAPI sample app; the work is in {@link Demo}. */
@Command(name = "demo",
        header = "Watch Capgate stop a backdoor in a FastAPI sample app.",
        mixinStandardHelpOptions = true,
        versionProvider = CapgateCli.Version.class,
        usageHelpAutoWidth = true,
        sortOptions = false,
        descriptionHeading = "%n",
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        description = {
            "A guided tour on the bundled FastAPI sample app (examples/fastapi-demo): traces it serving / and"
                    + " /items/1, builds its manifest, then runs it enforced with --on-violation kill and calls"
                    + " /backdoor, which runs a shell command. The app is killed (status 137) and the file the"
                    + " command would create, " + "/tmp/capgate-demo-pwned" + ", does not exist.",
            "Needs root (bpftrace) and FastAPI and uvicorn for the interpreter (Debian: python3-fastapi,"
                    + " python3-uvicorn). Exits 0 when the backdoor was stopped, 1 when it was not.",
        })
final class DemoCommand implements Callable<Integer> {

    /** Set by the launcher script to the repository root. */
    static final String HOME_PROPERTY = "capgate.home";

    @ParentCommand
    private CapgateCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
            description = "The interpreter with FastAPI and uvicorn (default: ${DEFAULT-VALUE}).")
    private String python;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "The port the app listens on, on 127.0.0.1 (default: a free one).")
    private int port;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = "capgate-demo",
            description = "Where to write the trace, the manifest and the violations (default: ./${DEFAULT-VALUE}/).")
    private Path outputDir;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 1 and 65535, got " + port);
        }
        String home = System.getProperty(HOME_PROPERTY);
        Demo.Settings settings = new Demo.Settings(Path.of(home != null && !home.isBlank() ? home : ""), python,
                port, outputDir, Demo.PWNED, true, Duration.ofSeconds(60), Duration.ofSeconds(30));
        return new Demo(cli.supervisor(), spec.commandLine().getOut(), settings).run();
    }
}
