package io.capgate.agent.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code capgate agent}: the host agent that the portal manages (enroll once, then run). */
@Command(name = "agent",
        header = "Enroll this host with the portal and run the agent.",
        mixinStandardHelpOptions = true,
        versionProvider = CapgateCli.Version.class,
        usageHelpAutoWidth = true,
        subcommands = {AgentEnrollCommand.class, AgentRunCommand.class},
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:enrolled; run: stopped cleanly (Ctrl-C, SIGTERM)",
            "64:usage error",
            "65:the enrollment token is malformed",
            "69:the portal cannot be reached",
            "74:the state directory cannot be read or written, or is unsafe",
            "76:the portal is not the one the token pins (nothing was sent), or it broke the protocol",
            "77:the portal refused: token used, expired or unknown; run: agent revoked or unauthorized",
            "78:run: the agent is not enrolled",
        })
final class AgentCommand implements Callable<Integer> {

    /** The portal cannot be reached (sysexits EX_UNAVAILABLE). */
    static final int UNAVAILABLE = 69;
    /** The peer is not who it should be, or broke the protocol (EX_PROTOCOL). */
    static final int PROTOCOL = 76;
    /** The portal refused (EX_NOPERM). */
    static final int REFUSED = 77;
    /** Not enrolled (EX_CONFIG). */
    static final int NOT_ENROLLED = 78;
    /** Where the agent keeps its identity and spool unless told otherwise. */
    static final String DEFAULT_STATE_DIR = "/var/lib/capgate-agent";

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("capgate: give an agent command: enroll or run");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
