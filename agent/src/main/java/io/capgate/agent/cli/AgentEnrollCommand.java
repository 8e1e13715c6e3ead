package io.capgate.agent.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.capgate.agent.fleet.client.Enrollment;
import io.capgate.agent.fleet.client.EnrollmentException;
import io.capgate.agent.fleet.client.LocalHostFacts;
import io.capgate.agent.fleet.identity.AgentIdentity;
import io.capgate.agent.fleet.identity.EnrollmentToken;
import io.capgate.agent.fleet.identity.IdentityStore;
import io.capgate.agent.fleet.identity.InvalidEnrollmentTokenException;
import io.capgate.agent.fleet.identity.StateDirectory;
import io.capgate.agent.os.JnaProcesses;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code capgate agent enroll}: trade a one-time token for the agent's client certificate. */
@Command(name = "enroll",
        header = "Enroll this host with the portal using a one-time token.",
        mixinStandardHelpOptions = true,
        versionProvider = CapgateCli.Version.class,
        usageHelpAutoWidth = true,
        sortOptions = false,
        descriptionHeading = "%n",
        optionListHeading = "%nOptions:%n",
        description = {
            "Connects to the portal named in the token, trusting it only if its certificate chains to the CA whose"
                    + " SHA-256 the token pins, and only then sends the token with a certificate request for a new"
                    + " key of this agent. Stores the key, the issued certificate and the portal CA in the state"
                    + " directory (0700, files 0600). Exit codes: see 'capgate agent --help'.",
        })
final class AgentEnrollCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--token", required = true, paramLabel = "TOKEN",
            description = "The enrollment token from the portal (cgt_...). A secret: prefer --token=\"$(cat file)\".")
    private String token;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = AgentCommand.DEFAULT_STATE_DIR,
            description = "Where the agent keeps its identity (default: ${DEFAULT-VALUE}).")
    private Path stateDir;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to wait for the portal (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Override
    public Integer call() throws Exception {
        EnrollmentToken parsed;
        try {
            parsed = EnrollmentToken.parse(token);
        } catch (InvalidEnrollmentTokenException e) {
            throw new CliException(ExitCodes.DATAERR, "bad enrollment token: " + e.getMessage());
        }
        var err = spec.commandLine().getErr();
        StateDirectory dir = StateDirectory.open(stateDir, new JnaProcesses(), notice -> err.println("capgate: "
                + notice));
        IdentityStore store = new IdentityStore(dir, new SecureRandom(), Clock.systemUTC());
        AgentIdentity identity;
        try {
            identity = new Enrollment(timeout).enroll(parsed, store, LocalHostFacts.probe());
        } catch (EnrollmentException e) {
            throw new CliException(switch (e.reason()) {
                case UNREACHABLE -> AgentCommand.UNAVAILABLE;
                case UNTRUSTED_PORTAL, PROTOCOL -> AgentCommand.PROTOCOL;
                case REFUSED -> AgentCommand.REFUSED;
            }, "enrollment failed: " + e.getMessage());
        }
        var out = spec.commandLine().getOut();
        out.println("enrolled as " + identity.agentId() + " with the portal at " + identity.portalHost() + ":"
                + identity.portalPort() + "; certificate valid until " + identity.certificateExpiry());
        out.println("identity stored in " + dir.path() + "; start the agent with: capgate agent run"
                + (stateDir.toString().equals(AgentCommand.DEFAULT_STATE_DIR) ? "" : " --state-dir " + dir.path()));
        out.flush();
        return ExitCodes.OK;
    }
}
