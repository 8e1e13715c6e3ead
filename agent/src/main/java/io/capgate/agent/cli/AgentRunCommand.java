package io.capgate.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.capgate.agent.fleet.client.AgentConnection;
import io.capgate.agent.fleet.client.ClientTls;
import io.capgate.agent.fleet.client.ConnectionSettings;
import io.capgate.agent.fleet.client.LocalHostFacts;
import io.capgate.agent.fleet.identity.AgentIdentity;
import io.capgate.agent.fleet.identity.IdentityStore;
import io.capgate.agent.fleet.identity.StateDirectory;
import io.capgate.agent.fleet.spool.Spool;
import io.capgate.agent.fleet.spool.SpoolConfig;
import io.capgate.agent.os.JnaProcesses;
import io.capgate.model.protocol.Assignments;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code capgate agent run}: the long-running agent. Holds the mutual-TLS session with the portal and streams
 * the spool until Ctrl-C or SIGTERM, or until the portal refuses the agent. Supervising the assigned services is
 * not wired yet: assignments are logged, not enforced.
 */
@Command(name = "run",
        header = "Run the enrolled agent: stay connected to the portal and deliver what the agent records.",
        mixinStandardHelpOptions = true,
        versionProvider = CapgateCli.Version.class,
        usageHelpAutoWidth = true,
        sortOptions = false,
        descriptionHeading = "%n",
        optionListHeading = "%nOptions:%n",
        description = {
            "Connects to the portal with the certificate from 'capgate agent enroll', reconnecting with backoff"
                    + " when the connection drops, and delivers the spooled observations, violations and drop"
                    + " reports exactly once. Stops cleanly on Ctrl-C or SIGTERM; exits 77 if the portal revokes"
                    + " the agent. State changes are logged on stderr.",
            "Not yet: supervising the services the portal assigns (they are logged only).",
        })
final class AgentRunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = AgentCommand.DEFAULT_STATE_DIR,
            description = "Where the agent keeps its identity and spool (default: ${DEFAULT-VALUE}).")
    private Path stateDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        StateDirectory dir = StateDirectory.open(stateDir, new JnaProcesses(), notice -> log(err, notice));
        AgentIdentity identity = new IdentityStore(dir, new SecureRandom(), Clock.systemUTC()).load()
                .orElseThrow(() -> new CliException(AgentCommand.NOT_ENROLLED, "this agent is not enrolled ("
                        + dir.path() + " holds no identity): run 'capgate agent enroll --token TOKEN' first"));
        ConnectionSettings settings = ConnectionSettings.defaults(identity.portalHost(), identity.portalPort(),
                identity.agentId(), CapgateCli.Version.version(), LocalHostFacts.probe());
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Thread hook = null;
        try (Spool spool = Spool.open(dir.path().resolve("spool"), SpoolConfig.DEFAULT, Clock.systemUTC(),
                notice -> log(err, notice))) {
            AgentConnection connection = new AgentConnection(settings, ClientTls.context(identity.tlsMaterial()),
                    spool, Clock.systemUTC(), new SecureRandom(), new Log(err));
            // SIGTERM / Ctrl-C: stop the connection, then give this thread the time to close (sync) the spool.
            hook = new Thread(() -> {
                connection.close();
                awaitQuietly(cleanedUp);
            }, "capgate-agent-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            log(err, "agent " + identity.agentId() + " starting; certificate valid until "
                    + identity.certificateExpiry());
            try {
                AgentConnection.Outcome outcome = connection.start().finished().get();
                if (outcome.state() == AgentConnection.State.REFUSED) {
                    throw new CliException(AgentCommand.REFUSED, outcome.reason());
                }
                return ExitCodes.OK;
            } finally {
                connection.close();
            }
        } finally {
            cleanedUp.countDown();
            if (hook != null) {
                removeHook(hook);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (SIGTERM): the hook is what stopped us
        }
    }

    private static void log(PrintWriter err, String line) {
        err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " capgate agent: " + line);
        err.flush();
    }

    /** Logs every state change on stderr. */
    private record Log(PrintWriter err) implements AgentConnection.Listener {

        @Override
        public void stateChanged(AgentConnection.State state, String detail) {
            AgentRunCommand.log(err, state + ": " + detail);
        }

        @Override
        public void log(String line) {
            AgentRunCommand.log(err, line);
        }

        @Override
        public void assignments(Assignments assignments) {
            AgentRunCommand.log(err, "the portal assigned " + assignments.services().size() + " services (revision "
                    + assignments.revision() + "); supervising them is not implemented yet, nothing is enforced");
        }
    }
}
