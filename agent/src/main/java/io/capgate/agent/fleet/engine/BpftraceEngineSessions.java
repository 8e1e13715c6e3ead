package io.capgate.agent.fleet.engine;

import io.capgate.agent.fleet.discovery.LinuxProcessTable;
import io.capgate.agent.fleet.discovery.ProcessId;
import io.capgate.agent.fleet.discovery.ProcessTable;
import io.capgate.agent.fleet.supervision.EngineOutput;
import io.capgate.agent.fleet.supervision.EngineSessions;
import io.capgate.agent.fleet.supervision.SessionFailure;
import io.capgate.agent.fleet.supervision.SessionId;
import io.capgate.agent.fleet.supervision.SessionSpec;
import io.capgate.agent.fleet.supervision.SessionStartException;
import io.capgate.agent.fleet.supervision.SupervisionMode;
import io.capgate.agent.supervise.PreflightException;
import io.capgate.agent.supervise.RunRequest;
import io.capgate.agent.supervise.SessionControl;
import io.capgate.agent.supervise.Supervisor;
import io.capgate.agent.supervise.TraceRequest;
import io.capgate.model.manifest.Manifest;
import io.capgate.model.protocol.StatusReason;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Engine sessions over the local bpftrace {@link Supervisor}, each attached by pid on a thread of its own.
 *
 * <p>An {@link SupervisionMode#OBSERVE} session traces (with or without a manifest) and delivers an observation
 * window every {@code window}; the others enforce their manifest in the mode's engine mode and deliver every
 * violation. {@link #stop} ends one session only; the JVM's own Ctrl-C is left alone.
 */
public final class BpftraceEngineSessions implements EngineSessions, AutoCloseable {

    private final Supervisor supervisor;
    private final EngineOutput output;
    private final Duration window;
    private final Consumer<String> notices;
    private final ProcessTable processes;
    private final Map<SessionId, SessionControl> running = new ConcurrentHashMap<>();
    private final Map<SessionId, Thread> threads = new ConcurrentHashMap<>();

    /**
     * Sessions on this host's bpftrace.
     *
     * @param output  receives observations, violations and lost-event counts, on engine threads
     * @param window  how often an OBSERVE session delivers its observations (whole seconds, at least one)
     * @param notices one line per thing an operator should know (bpftrace died, a session failed)
     */
    public BpftraceEngineSessions(EngineOutput output, Duration window, Consumer<String> notices) {
        this(Supervisor.local(notices), new LinuxProcessTable(), output, window, notices);
    }

    BpftraceEngineSessions(Supervisor supervisor, ProcessTable processes, EngineOutput output, Duration window,
                           Consumer<String> notices) {
        this.supervisor = Objects.requireNonNull(supervisor, "supervisor");
        this.processes = Objects.requireNonNull(processes, "processes");
        this.output = Objects.requireNonNull(output, "output");
        this.window = Objects.requireNonNull(window, "window");
        this.notices = Objects.requireNonNull(notices, "notices");
        new SessionControl(window, new SessionControl.Listener() { }); // fails fast on a window under a second
    }

    @Override
    public void start(SessionId id, SessionSpec spec, Listener listener) throws SessionStartException {
        Optional<Manifest> manifest = Manifests.enforceable(spec.policy());
        Reports reports = new Reports(id, spec, listener, output, notices);
        SessionControl control = new SessionControl(window, reports);
        if (running.putIfAbsent(id, control) != null) {
            throw new SessionStartException(SessionFailures.of(StatusReason.INTERNAL, id + " is already running"),
                    null);
        }
        Thread thread = Thread.ofPlatform().daemon().name("engine-" + id).unstarted(() -> {
            try {
                run(id, spec, manifest, control, reports);
            } finally {
                threads.remove(id);
            }
        });
        threads.put(id, thread);
        thread.start();
    }

    /**
     * Stops every session and waits up to 30 s for them to detach (the agent's shutdown): bpftrace is then
     * interrupted, so its last counts and records are read, rather than left to die with the JVM.
     */
    @Override
    public void close() throws InterruptedException {
        running.values().forEach(SessionControl::stop);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (Thread t : List.copyOf(threads.values())) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Duration.ofNanos(left));
            }
        }
    }

    @Override
    public void stop(SessionId id) {
        SessionControl control = running.get(id);
        if (control != null) {
            control.stop();
        }
    }

    private void run(SessionId id, SessionSpec spec, Optional<Manifest> manifest, SessionControl control,
                     Reports reports) {
        Optional<SessionFailure> failure = Optional.empty();
        try {
            int pid = target(spec.target());
            if (spec.policy().mode() == SupervisionMode.OBSERVE) {
                supervisor.trace(new TraceRequest(List.of(), pid, null, null, spec.serviceId(), null,
                        reports::attached, null, control));
            } else {
                supervisor.run(new RunRequest(manifest.orElseThrow(), spec.policy().mode().engineMode(), List.of(),
                        pid, null, false, false, null, reports::violation, reports::attached, null, control));
            }
        } catch (PreflightException e) {
            failure = Optional.of(SessionFailures.of(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = Optional.of(SessionFailures.of(StatusReason.INTERNAL, "the session was interrupted"));
        } catch (RuntimeException e) {
            failure = Optional.of(SessionFailures.of(StatusReason.INTERNAL, "engine session failed: " + e));
        } finally {
            running.remove(id);
        }
        failure.ifPresent(f -> notices.accept(id + " for " + spec.serviceId() + " pid " + spec.target().pid()
                + " ended: " + f));
        reports.ended(failure);
    }

    /** The pid to attach to, once it is sure to be the process the plan meant (not a reused pid). */
    private int target(ProcessId target) throws PreflightException {
        try {
            long started = processes.stat(target.pid()).startTicks();
            if (started != target.startTicks()) {
                throw new PreflightException(PreflightException.EX_USAGE, PreflightException.Kind.NO_PROCESS,
                        "process " + target + " is gone; pid " + target.pid() + " is another process now");
            }
            return target.pid();
        } catch (IOException e) {
            throw new PreflightException(PreflightException.EX_USAGE, PreflightException.Kind.NO_PROCESS,
                    "process " + target + " is gone: " + e.getMessage());
        }
    }
}
