package io.capgate.agent.fleet.load;

import io.capgate.agent.fleet.client.AgentConnection;
import io.capgate.agent.fleet.client.ClientTls;
import io.capgate.agent.fleet.client.ConnectionSettings;
import io.capgate.agent.fleet.client.LocalHostFacts;
import io.capgate.agent.fleet.client.SpooledMessages;
import io.capgate.agent.fleet.identity.AgentIdentity;
import io.capgate.agent.fleet.identity.IdentityStore;
import io.capgate.agent.fleet.identity.StateDirectory;
import io.capgate.agent.fleet.spool.Spool;
import io.capgate.agent.fleet.spool.SpoolConfig;
import io.capgate.agent.fleet.spool.SyncPolicy;
import io.capgate.agent.os.JnaProcesses;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Streams synthetic observations and violations from an enrolled agent to its portal at the highest rate the
 * agent's own path allows: the identity from {@code capgate agent enroll}, the agent's {@link Spool} (in
 * {@code STATE_DIR/spool}) and {@link AgentConnection} with its default settings (window, poll, heartbeats).
 * A producer thread appends everything to the spool as fast as it can (first the observation batches, then the
 * violations, one by one) while the connection streams it; the run ends when the portal has acknowledged the last
 * sequence. Prints one result line for {@code scripts/bench-fleet.sh}:
 *
 * <pre>FLEETLOAD observations=N violations=M records=R warmup_first_sequence=W first_sequence=F last_sequence=L
 *   drops=D produce_s=... stream_s=... cpu_s=... cpu_total_s=... cpu_s_per_1k_events=...</pre>
 *
 * <p>With {@code --warmup-observations}/{@code --warmup-violations}, that many go first (sequences W to F - 1) and
 * the measured part starts once the portal acknowledged them. {@code cpu_s} is this process's CPU time (all
 * threads: producer, spool, TLS, event loop, GC, JIT) from the measured part's first append to its last ACK;
 * {@code cpu_total_s} includes the JVM's start and the warm-up.
 *
 * <pre>java -cp capgate-agent.jar io.capgate.agent.fleet.load.FleetLoad --state-dir DIR --service ID
 *     [--observations 1000000] [--violations 100000] [--batch 1000] [--window 256] [--timeout 600]
 *     [--warmup-observations 0] [--warmup-violations 0] [--stack-every-entry]</pre>
 *
 * <p>{@code --stack-every-entry} gives every observation entry a sample stack (the engine sends one per (module,
 * syscall) pair and session): a worst case, to see what stacks cost.
 */
public final class FleetLoad {

    private FleetLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options = LoadOptions.parse(args);
        StateDirectory dir = StateDirectory.open(options.stateDir(), new JnaProcesses(), FleetLoad::log);
        AgentIdentity identity = new IdentityStore(dir, new SecureRandom(), Clock.systemUTC()).load()
                .orElseThrow(() -> new IllegalStateException(dir.path() + " holds no identity: enroll first"));
        ConnectionSettings defaults = ConnectionSettings.defaults(identity.portalHost(), identity.portalPort(),
                identity.agentId(), "fleet-load", LocalHostFacts.probe());
        ConnectionSettings settings = new ConnectionSettings(defaults.host(), defaults.port(), defaults.agentId(),
                defaults.agentVersion(), defaults.hostFacts(), defaults.heartbeat(), defaults.readIdle(),
                defaults.backoffInitial(), defaults.backoffMax(), options.window(), defaults.poll(),
                defaults.dropCheckInterval());
        // Large enough for the whole run: drops would be counted and reported, but the benchmark wants none.
        SpoolConfig spoolConfig = new SpoolConfig(options.spoolBytes(), SpoolConfig.DEFAULT.segmentBytes(),
                SpoolConfig.DEFAULT.maxRecordBytes(), SyncPolicy.DEFAULT);
        try (Spool spool = Spool.open(dir.path().resolve("spool"), spoolConfig, Clock.systemUTC(), FleetLoad::log)) {
            run(options, identity, settings, spool);
        }
    }

    private static void run(LoadOptions options, AgentIdentity identity, ConnectionSettings settings, Spool spool)
            throws Exception {
        AgentConnection connection = new AgentConnection(settings, ClientTls.context(identity.tlsMaterial()), spool,
                Clock.systemUTC(), new SecureRandom(), new Log());
        var events = new SyntheticEvents(options.serviceId(), System.currentTimeMillis(),
                options.stackEveryEntry());
        Duration timeout = Duration.ofSeconds(options.timeoutSeconds());
        try {
            connection.start();
            long warmupFirst = spool.nextSequence();
            // The warm-up runs the same path (both JVMs compile it) and is stored and checked like the rest; the
            // measured part starts once the portal acknowledged it.
            var warmup = new Producer(spool, events, 0, options.warmupObservations(), 0,
                    options.warmupViolations(), options.batch());
            produce(warmup);
            awaitAcknowledged(spool, spool.nextSequence() - 1, timeout);

            long firstSequence = spool.nextSequence();
            var producer = new Producer(spool, events, options.warmupObservations() / options.batch(),
                    options.observations(), options.warmupViolations(), options.violations(), options.batch());
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            produce(producer);
            long produced = System.nanoTime();
            long last = spool.nextSequence() - 1;
            awaitAcknowledged(spool, last, timeout);
            long end = System.nanoTime();
            double cpu = (processCpuNanos() - cpuStart) / 1e9;
            long events1k = options.observations() + options.violations();
            System.out.println(String.format(Locale.ROOT, "FLEETLOAD agent=%s observations=%d violations=%d "
                    + "records=%d warmup_first_sequence=%d first_sequence=%d last_sequence=%d drops=%d "
                    + "produce_s=%.3f stream_s=%.3f cpu_s=%.3f cpu_total_s=%.3f cpu_s_per_1k_events=%.5f",
                    identity.agentId(), options.observations(), options.violations(), last - firstSequence + 1,
                    warmupFirst, firstSequence, last, warmup.dropped() + producer.dropped(), (produced - start) / 1e9,
                    (end - start) / 1e9, cpu, processCpuNanos() / 1e9, cpu / (events1k / 1000.0)));
        } finally {
            connection.close();
        }
    }

    private static void produce(Producer producer) throws InterruptedException {
        Thread thread = Thread.ofPlatform().name("fleet-load-producer").start(producer);
        thread.join();
    }

    /** Polls the spool's acknowledged sequence (the portal's cumulative ACKs) until it reaches {@code last}. */
    private static void awaitAcknowledged(Spool spool, long last, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (spool.acknowledged() < last) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the portal acknowledged " + spool.acknowledged() + " of " + last
                        + " within " + timeout);
            }
            Thread.sleep(5);
        }
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    static void log(String line) {
        System.err.println(Instant.now() + " fleet-load: " + line);
    }

    /**
     * Appends observation batches {@code firstBatch...} and then violations {@code firstViolation...} to the spool,
     * as fast as encoding and the spool allow.
     */
    private static final class Producer implements Runnable {

        private final Spool spool;
        private final SyntheticEvents events;
        private final long firstBatch;
        private final long observations;
        private final int firstViolation;
        private final int violations;
        private final int batch;
        private long dropped;

        Producer(Spool spool, SyntheticEvents events, long firstBatch, long observations, int firstViolation,
                 int violations, int batch) {
            this.spool = spool;
            this.events = events;
            this.firstBatch = firstBatch;
            this.observations = observations;
            this.firstViolation = firstViolation;
            this.violations = violations;
            this.batch = batch;
        }

        @Override
        public void run() {
            long batches = (observations + batch - 1) / batch;
            for (long b = 0; b < batches; b++) {
                int size = (int) Math.min(batch, observations - b * batch);
                append("observations", SpooledMessages.encode(events.batch(Math.toIntExact(firstBatch + b), size)));
            }
            for (int v = 0; v < violations; v++) {
                append("violations", SpooledMessages.encode(events.violation(firstViolation + v,
                        System.currentTimeMillis())));
            }
            try {
                spool.sync();
            } catch (IOException e) {
                throw new IllegalStateException("syncing the spool failed", e);
            }
        }

        private void append(String category, byte[] payload) {
            OptionalLong sequence = spool.append(category, payload);
            if (sequence.isEmpty()) {
                dropped++;
            }
        }

        long dropped() {
            return dropped;
        }
    }

    /** State changes on stderr. */
    private static final class Log implements AgentConnection.Listener {

        @Override
        public void stateChanged(AgentConnection.State state, String detail) {
            log(state + ": " + detail);
        }

        @Override
        public void log(String line) {
            FleetLoad.log(line);
        }
    }
}
