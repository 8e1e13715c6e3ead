package io.capgate.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.capgate.agent.fleet.client.AgentConnection;
import io.capgate.agent.fleet.client.ClientTls;
import io.capgate.agent.fleet.client.ConnectionSettings;
import io.capgate.agent.fleet.client.LocalHostFacts;
import io.capgate.agent.fleet.daemon.AgentDaemon;
import io.capgate.agent.fleet.daemon.AssignmentFile;
import io.capgate.agent.fleet.daemon.AssignmentVerifier;
import io.capgate.agent.fleet.daemon.SpoolingEngineOutput;
import io.capgate.agent.fleet.engine.BpftraceEngineSessions;
import io.capgate.agent.fleet.supervision.EngineOutput;
import io.capgate.agent.fleet.supervision.EngineSessions;
import io.capgate.agent.fleet.discovery.LinuxProcessTable;
import io.capgate.agent.fleet.discovery.ProcessScanner;
import io.capgate.agent.fleet.identity.AgentIdentity;
import io.capgate.agent.fleet.identity.IdentityStore;
import io.capgate.agent.fleet.identity.StateDirectory;
import io.capgate.agent.fleet.spool.Spool;
import io.capgate.agent.fleet.spool.SpoolConfig;
import io.capgate.agent.os.JnaProcesses;
import io.capgate.model.protocol.Assignments;
import io.capgate.model.protocol.Framing;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code capgate agent run}: the long-running agent. Supervises the services the portal assigns (from the persisted
 * assignments at once, then from the portal's), holds the mutual-TLS session with the portal, reports protection
 * statuses and streams the spool, until Ctrl-C or SIGTERM, or until the portal refuses the agent.
 */
@Command(name = "run",
        header = "Run the enrolled agent: supervise the services the portal assigns and stream what they do.",
        mixinStandardHelpOptions = true,
        versionProvider = CapgateCli.Version.class,
        usageHelpAutoWidth = true,
        sortOptions = false,
        descriptionHeading = "%n",
        optionListHeading = "%nOptions:%n",
        description = {
            "Finds the processes of every service the portal assigns (already running and newly started) and"
                    + " attaches the engine to each in the service's mode: observe, alert, stop or kill, under the"
                    + " manifest the portal signed. A manifest whose signature does not verify is refused and"
                    + " reported; the service keeps its last verified policy.",
            "The last applied assignments are kept in the state directory and enforced as soon as the agent"
                    + " starts, also while the portal cannot be reached.",
            "Connects to the portal with the certificate from 'capgate agent enroll', reconnecting with backoff"
                    + " when the connection drops; reports per service and process whether it is protected, and"
                    + " delivers observations, violations and drop counts exactly once (spooled on disk in between)."
                    + " Stops cleanly on Ctrl-C or SIGTERM: the engine detaches, the services keep running. Exits 77"
                    + " if the portal revokes the agent. State changes are logged on stderr.",
        })
final class AgentRunCommand implements Callable<Integer> {

    /** Engine deliveries that may wait for the spool writer before new ones are counted as dropped. */
    private static final int OUTPUT_QUEUE = 16_384;
    /** How often an observed service's aggregated observations are delivered. */
    private static final Duration OBSERVATION_WINDOW = Duration.ofSeconds(5);

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
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Thread hook = null;
        Clock clock = Clock.systemUTC();
        try (Spool spool = Spool.open(dir.path().resolve("spool"), SpoolConfig.DEFAULT, clock,
                notice -> log(err, notice));
             SpoolingEngineOutput output = new SpoolingEngineOutput(spool, OUTPUT_QUEUE,
                     Math.min(Framing.MAX_FRAME_BYTES, SpoolConfig.DEFAULT.maxRecordBytes()), line -> log(err, line));
             AgentDaemon daemon = new AgentDaemon(new AssignmentVerifier(identity.manifestVerifier()),
                     new AssignmentFile(dir), engine(output, err),
                     new ProcessScanner(new LinuxProcessTable(), ProcessScanner.HOST_PATHS, clock), clock,
                     AgentDaemon.Timings.DEFAULT, line -> log(err, line))) {
            daemon.start(); // enforcement first: the persisted assignments, whatever the portal does
            // probing runs every interpreter's --version: after enforcement has started, not before
            ConnectionSettings settings = ConnectionSettings.defaults(identity.portalHost(), identity.portalPort(),
                    identity.agentId(), CapgateCli.Version.version(), LocalHostFacts.probe());
            AgentConnection connection = new AgentConnection(settings, ClientTls.context(identity.tlsMaterial()),
                    spool, clock, new SecureRandom(), daemon.connectionListener(new Log(err)));
            daemon.reportTo(connection::report);
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
                daemon.close(); // detach the engine before the connection goes: statuses are not sent any more
                connection.close();
            }
        } finally {
            cleanedUp.countDown();
            if (hook != null) {
                removeHook(hook);
            }
        }
    }

    /** The engine sessions to supervise with (bpftrace on this host), delivering to {@code output}. */
    private static EngineSessions engine(EngineOutput output, PrintWriter err) {
        return new BpftraceEngineSessions(output, OBSERVATION_WINDOW, line -> log(err, line));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
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
                    + assignments.revision() + ")");
        }
    }
}
