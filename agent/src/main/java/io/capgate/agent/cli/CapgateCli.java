package io.capgate.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.capgate.agent.supervise.PreflightException;
import io.capgate.agent.supervise.Supervisor;
import io.capgate.model.manifest.ManifestException;
import io.capgate.model.trace.TraceFormatException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine.Spec;

/**
 * {@code capgate}: the command line. {@link #main(String[])} is the jar's entry point; tests build the same
 * command line with {@link #commandLine(Supplier, BooleanSupplier)} and a fake {@link Supervisor}.
 */
@Command(name = "capgate",
        mixinStandardHelpOptions = true,
        versionProvider = CapgateCli.Version.class,
        usageHelpAutoWidth = true,
        description = {
            "Per-module syscall allowlists (capability manifests) for Python programs, enforced in the Linux kernel"
                    + " with bpftrace.",
            "",
            "Workflow: trace the program doing its normal work, build a manifest from the trace, review it"
                    + " (diff, check), then run the program under it.",
        },
        subcommands = {
            TraceCommand.class,
            BuildCommand.class,
            RunCommand.class,
            InteractiveCommand.class,
            DiffCommand.class,
            CheckCommand.class,
            DemoCommand.class,
            AgentCommand.class,
            HelpCommand.class,
        },
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:success; diff: no differences; check: no findings",
            " 1:diff: the manifests differ; check: findings; demo: the backdoor was not stopped",
            "64:usage error (bad command line)",
            "65:invalid manifest or trace (each problem printed as file:line:col: message)",
            "66:an input file does not exist",
            "69:bpftrace or python is missing or too old",
            "70:bpftrace failed, or an internal error",
            "71:an OS facility (tracefs) is missing",
            "73:an output file cannot be created",
            "74:reading or writing a file failed",
            "77:not root (bpftrace needs root)",
            "78:unsupported Python interpreter",
            "other:run, interactive: the supervised program's own status (137: killed)",
        },
        footer = {
            "",
            "Tracing and enforcing need root (bpftrace); build, diff and check do not.",
            "'capgate help VERB' or 'capgate VERB --help' describes one verb.",
        })
public final class CapgateCli implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private final Supplier<Supervisor> supervisors;
    private final BooleanSupplier terminal;
    private Supervisor supervisor;

    /**
     * @param supervisors makes the supervisor on first use (so {@code --help} never touches the engine)
     * @param terminal    whether stderr is an interactive terminal, for live progress lines
     */
    CapgateCli(Supplier<Supervisor> supervisors, BooleanSupplier terminal) {
        this.supervisors = Objects.requireNonNull(supervisors, "supervisors");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    /** The jar's entry point: exits with the verb's status. */
    public static void main(String[] args) {
        System.exit(commandLine(Supervisor::local, CapgateCli::consoleIsTerminal).execute(args));
    }

    /**
     * The configured command line: exit codes, error handling and argument parsing as {@link #main} uses them.
     *
     * @param supervisors makes the supervisor the verbs use
     * @param terminal    whether to draw live progress on stderr
     */
    public static CommandLine commandLine(Supplier<Supervisor> supervisors, BooleanSupplier terminal) {
        CommandLine cli = new CommandLine(new CapgateCli(supervisors, terminal));
        cli.setExecutionExceptionHandler(CapgateCli::handle);
        cli.setParameterExceptionHandler(CapgateCli::usageError);
        // "capgate trace python3 -m app -v": everything from the program name on belongs to the program,
        // with or without "--".
        for (String verb : new String[] {"trace", "run"}) {
            cli.getSubcommands().get(verb).setStopAtPositional(true);
        }
        return cli;
    }

    /** Without a verb: the usage, on stderr, as a usage error. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("capgate: give a command, e.g. capgate trace -- python3 app.py");
        err.println();
        spec.commandLine().usage(err);
        return ExitCodes.USAGE;
    }

    /** The supervisor, made on first use. */
    Supervisor supervisor() {
        if (supervisor == null) {
            supervisor = supervisors.get();
        }
        return supervisor;
    }

    /** Whether live progress may be drawn on stderr. */
    boolean terminal() {
        return terminal.getAsBoolean();
    }

    /** A usage error: the message and where to read more, not the whole usage. */
    private static int usageError(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("capgate: " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Prints an expected failure as one or more lines on stderr and maps it to its exit code. */
    private static int handle(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        int code;
        switch (e) {
            case CliException c -> {
                c.details().forEach(err::println);
                if (c.getMessage() != null) {
                    err.println("capgate: " + c.getMessage());
                }
                code = c.exitCode();
            }
            case PreflightException p -> {
                err.println("capgate: " + p.getMessage());
                code = p.exitCode();
            }
            case ManifestException m -> {
                m.problems().forEach(problem -> err.println(problem));
                code = ExitCodes.DATAERR;
            }
            case TraceFormatException t -> {
                err.println(t.getMessage());
                code = ExitCodes.DATAERR;
            }
            case IOException io -> {
                err.println("capgate: " + Inputs.describe(io));
                code = ExitCodes.IOERR;
            }
            case InterruptedException i -> {
                err.println("capgate: interrupted");
                code = ExitCodes.INTERRUPTED;
            }
            default -> {
                err.println("capgate: internal error: " + e);
                e.printStackTrace(err);
                code = ExitCodes.SOFTWARE;
            }
        }
        err.flush();
        return code;
    }

    /**
     * Whether the console is an interactive terminal. From Java 22 {@link System#console()} may return a console
     * even when redirected, and {@code Console.isTerminal()} (22+) tells; on 21 a non-null console is a terminal.
     */
    static boolean consoleIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** {@code capgate 0.1.0}: the version Maven packaged the jar with. */
    static final class Version implements IVersionProvider {

        static final String POM_PROPERTIES = "/META-INF/maven/io.capgate/agent/pom.properties";

        @Override
        public String[] getVersion() {
            return new String[] {
                "capgate " + version(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + "), "
                        + System.getProperty("os.name", "?") + " " + System.getProperty("os.arch", "?"),
            };
        }

        static String version() {
            try (InputStream in = CapgateCli.class.getResourceAsStream(POM_PROPERTIES)) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    String v = p.getProperty("version");
                    if (v != null && !v.isBlank()) {
                        return v;
                    }
                }
            } catch (IOException e) {
                // fall through to the package version
            }
            String v = CapgateCli.class.getPackage().getImplementationVersion();
            return v != null ? v : "(development build)";
        }
    }
}
