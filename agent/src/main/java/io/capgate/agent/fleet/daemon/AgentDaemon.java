package io.capgate.agent.fleet.daemon;

import io.capgate.agent.fleet.client.AgentConnection;
import io.capgate.agent.fleet.daemon.AssignmentVerifier.Refusal;
import io.capgate.agent.fleet.discovery.ProcessChanges;
import io.capgate.agent.fleet.discovery.ProcessScanner;
import io.capgate.agent.fleet.discovery.ProcessWatcher;
import io.capgate.agent.fleet.discovery.Scheduler;
import io.capgate.agent.fleet.supervision.EngineSessions;
import io.capgate.agent.fleet.supervision.ServiceProcesses;
import io.capgate.agent.fleet.supervision.SessionBook;
import io.capgate.agent.fleet.supervision.SupervisionLoop;
import io.capgate.model.protocol.Assignments;
import io.capgate.model.protocol.ProtectionStatus;
import io.capgate.model.protocol.StatusReason;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code capgate agent run} without the CLI: supervises the persisted assignments from {@link #start()} on, before
 * and regardless of the portal; applies the portal's ASSIGNMENTS (verified, persisted, never older ones); feeds
 * discovery to the supervision loop; reports statuses. Everything but engine callbacks runs on one daemon thread,
 * so assignments, persistence and scans never race and never run on the network's event loop.
 */
public final class AgentDaemon implements AutoCloseable {

    /**
     * Timings.
     *
     * @param scan           between process scans
     * @param tick           between re-plans without news (so backoffs expire)
     * @param statusInterval at least this long between two coalesced status reports
     * @param backoffFirst   the first wait after a session failed
     * @param backoffMax     the longest such wait
     * @param stopTimeout    how long a clean stop waits for engine sessions to detach
     */
    public record Timings(Duration scan, Duration tick, Duration statusInterval, Duration backoffFirst,
                          Duration backoffMax, Duration stopTimeout) {

        /** Scan every second, report at most every 500 ms, back off 2 s to 5 min. */
        public static final Timings DEFAULT = new Timings(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(10));
    }

    private final AssignmentFile file;
    private final Consumer<String> log;
    private final Timings timings;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("capgate-daemon").daemon().unstarted(r));
    private final AppliedAssignments applied;
    private final TrackedSessions sessions;
    private final SupervisionLoop loop;
    private final ProcessWatcher watcher;
    private final StatusReporter reporter;
    private final EngineSessions engine;
    private volatile boolean stopping;

    /**
     * Creates the daemon; nothing runs before {@link #start()}.
     *
     * @param engine starts and stops engine sessions
     * @param log    one line per notable event (refusals once, sessions, persistence problems)
     */
    public AgentDaemon(AssignmentVerifier verifier, AssignmentFile file, EngineSessions engine,
                       ProcessScanner scanner, Clock clock, Timings timings, Consumer<String> log) {
        this.file = file;
        this.log = log;
        this.timings = timings;
        this.engine = engine;
        this.applied = new AppliedAssignments(verifier, log);
        this.sessions = new TrackedSessions(engine);
        SessionBook book = new SessionBook(clock, timings.backoffFirst(), timings.backoffMax());
        this.loop = new SupervisionLoop(sessions, book, log);
        this.watcher = new ProcessWatcher(scanner, Scheduler.of(executor), timings.scan(), this::observed, log);
        this.reporter = new StatusReporter(executor, clock, timings.statusInterval(), loop::statuses);
        loop.onStatusChange(this::changed);
    }

    /**
     * Supervises the persisted assignments (a refused file is logged and reported later) and starts scanning; returns
     * once supervision of the persisted set has begun.
     */
    public void start() throws InterruptedException {
        try {
            executor.submit(this::resume).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("starting supervision failed", e.getCause());
        }
        watcher.start();
        executor.scheduleWithFixedDelay(this::tick, timings.tick().toMillis(), timings.tick().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Sends status reports to {@code sink} from now on (the portal connection's {@code report}). */
    public void reportTo(StatusReporter.Sink sink) {
        reporter.sendTo(sink);
    }

    /**
     * The connection listener: ASSIGNMENTS go to the daemon thread, a new session gets a status report; everything
     * is passed on to {@code downstream} (the log).
     */
    public AgentConnection.Listener connectionListener(AgentConnection.Listener downstream) {
        return new PortalEvents(downstream, assignments -> run(() -> apply(assignments)),
                () -> run(() -> {
                    applied.newSession();
                    reporter.sessionOpened();
                }));
    }

    /** The statuses a report would carry now. */
    public List<ProtectionStatus> statuses() {
        return reporter.current();
    }

    /** The revision in force; empty before any was applied. */
    public OptionalLong revision() {
        try {
            return executor.submit(applied::revision).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Stops: no more scans or reports, every engine session is asked to stop (the engine detaches; the supervised
     * services keep running) and waited for up to the stop timeout. The persisted assignments stay as they are.
     */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        reporter.stop();
        watcher.close();
        // the daemon thread first: an ASSIGNMENTS being applied must not start sessions after the stop below
        executor.shutdown(); // no interrupt: it may be writing the assignments file
        try {
            executor.awaitTermination(timings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.assign(Map.of());
        try {
            if (!sessions.awaitNone(timings.stopTimeout())) {
                log.accept(sessions.live() + " engine sessions did not detach within "
                        + timings.stopTimeout().toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (engine instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.accept("stopping the engine failed: " + e);
            }
        }
    }

    private void resume() {
        try {
            var stored = file.load();
            if (stored.isEmpty()) {
                log.accept("no persisted assignments: waiting for the portal's");
                return;
            }
            applied.apply(stored.get());
            log.accept("resuming supervision of " + applied.inForce().size() + " services from the persisted "
                    + "assignments (revision " + stored.get().revision() + "), before the portal is reached");
            supervise();
        } catch (AssignmentFileException e) {
            log.accept(e.getMessage());
            reporter.assignmentsApplied(0, e.serviceIds().stream().map(id -> new Refusal(id, "",
                    StatusReason.INTERNAL, e.getMessage())).toList());
        } catch (IOException e) {
            log.accept("cannot read the persisted assignments in " + file.location() + " (" + e.getMessage()
                    + "); nothing is enforced until the portal sends assignments");
        }
    }

    private void apply(Assignments incoming) {
        if (applied.apply(incoming) == AppliedAssignments.Outcome.IGNORED) {
            return;
        }
        try {
            file.save(applied.toFrame());
        } catch (IOException | RuntimeException e) {
            log.accept("cannot persist the assignments to " + file.location() + " (" + e.getMessage()
                    + "); they are enforced, but a restart without the portal would fall back to the previous ones");
        }
        supervise();
    }

    /** Hands the assignments in force to the loop and discovery, scans at once, reports. */
    private void supervise() {
        loop.assign(applied.assignments());
        watcher.watch(loop.matchers());
        watcher.poll();
        reporter.assignmentsApplied(applied.revision().orElse(0), applied.refusals());
    }

    private void observed(ProcessChanges changes) {
        loop.observed(ServiceProcesses.of(changes));
    }

    private void tick() {
        try {
            loop.tick();
        } catch (RuntimeException e) {
            log.accept("supervision tick failed: " + e); // never let an exception end the schedule
        }
    }

    private void changed() {
        if (!stopping) {
            reporter.changed();
        }
    }

    private void run(Runnable task) {
        if (stopping) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.accept("agent daemon: " + e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }
}
