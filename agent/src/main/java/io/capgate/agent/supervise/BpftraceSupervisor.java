package io.capgate.agent.supervise;

import io.capgate.agent.engine.EngineMode;
import io.capgate.agent.engine.EngineScript;
import io.capgate.agent.engine.ModuleIds;
import io.capgate.agent.engine.ModuleNamer;
import io.capgate.agent.engine.PrefixTable;
import io.capgate.model.manifest.ResolvedPolicy;
import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.SyscallTable;
import io.capgate.model.trace.Trace;
import io.capgate.model.trace.TraceModule;
import io.capgate.templates.MapEntry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Supervision with bpftrace on this host, of a started command or a running interpreter. */
final class BpftraceSupervisor implements Supervisor {

    /** Output nonces must be unguessable by the supervised process. */
    private static final java.security.SecureRandom NONCES = new java.security.SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final SyscallTable table = SyscallTable.of(Arch.host());
    private final Consumer<String> notices;

    BpftraceSupervisor(Consumer<String> notices) {
        this.notices = notices;
    }

    @Override
    public Trace trace(TraceRequest request) throws PreflightException, InterruptedException {
        Preflight.check();
        Setup s = Setup.of(request.command(), request.pid(), request.appRoot(), request.python());
        ModuleIds ids = ModuleIds.forModules(List.of());
        long nonce = NONCES.nextLong();
        OutputAssembler out = new OutputAssembler(new ModuleNamer(s.paths()), ids, table, EngineMode.TRACE, clock,
                nonce, v -> { });
        Instant start = clock.instant();
        SessionControl control = request.control();
        if (control != null) {
            out.windows = new ObservationWindows(start, control.listener()::window);
        }
        Plan plan = new Plan(EngineMode.TRACE, ids, new BitSet(), List.of(), List.of(), Optional.empty(), new BitSet(),
                false, request.duration(), request.onAttached(), nonce, control);
        // Sample stacks (controlled sessions only) get current lines like violations do.
        try (LineResolver lines = control != null ? LineResolver.start(s.facts().executable()) : LineResolver.NONE) {
            out.lines = lines;
            supervise(s, plan, out, () -> request.progress().accept(
                    new TraceRequest.Progress(out.rate, out.modulesSeen(), out.lost)));
        }
        return new Trace(Trace.API_VERSION, serviceName(request, s), table.arch().id(), s.facts().version().toString(),
                s.facts().executable().toString(), s.paths().appRoot(), request.command(), start.toString(),
                clock.millis() - start.toEpochMilli(), out.lost, modules(out));
    }

    @Override
    public int run(RunRequest request) throws PreflightException, InterruptedException {
        Preflight.check();
        Setup s = Setup.of(request.command(), request.pid(), request.appRoot(), request.python());
        ResolvedPolicy policy = ResolvedPolicy.resolve(request.manifest(), table.arch());
        ModuleIds ids = ModuleIds.forModules(request.manifest().moduleNames());
        Optional<byte[]> floor = request.floor() && request.pid() == null && request.mode() != EngineMode.LOG
                ? SeccompFloor.forPolicy(policy, table) : Optional.empty();
        BitSet refused = floor.isPresent() ? PolicyEntries.floorRefused(policy, table) : new BitSet();
        Plan plan = new Plan(request.mode(), ids, PolicyEntries.always(policy, table), PolicyEntries.allow(policy, ids),
                PolicyEntries.exec(policy, ids), floor, refused, request.failClosed(), null, request.onAttached(),
                NONCES.nextLong(), request.control());
        try (ViolationSink sink = ViolationSink.open(request.violationsFile(), request.violations());
             LineResolver lines = LineResolver.start(s.facts().executable())) {
            OutputAssembler out = new OutputAssembler(new ModuleNamer(s.paths()), ids, table, request.mode(), clock,
                    plan.nonce(), sink);
            out.floorUnion = policy.union();
            out.lines = lines;
            return supervise(s, plan, out, () -> { });
        } catch (IOException e) {
            throw new PreflightException(PreflightException.EX_SOFTWARE, PreflightException.Kind.OTHER,
                    "cannot write violations: " + e.getMessage());
        }
    }

    /** Everything the engine program is rendered from, apart from the subject. */
    private record Plan(EngineMode mode, ModuleIds ids, BitSet always, List<MapEntry> allow, List<MapEntry> exec,
                        Optional<byte[]> floor, BitSet floorRefused, boolean failClosed, Duration duration,
                        Runnable onAttached, long nonce, SessionControl control) {

        /** Trace sessions with a control flush their counts every window; others only at the end. */
        long windowSeconds() {
            return mode == EngineMode.TRACE && control != null ? control.windowSeconds() : 0;
        }
    }

    private int supervise(Setup s, Plan plan, OutputAssembler out, Runnable tick)
            throws PreflightException, InterruptedException {
        if (plan.control() == null) {
            Interrupts.install(); // a caller with its own control (the daemon) keeps the JVM's own Ctrl-C
        }
        out.notices = notices;
        try (Subject subject = s.open()) {
            out.live.add(subject.pid());
            if (plan.control() != null) {
                out.lostListener = plan.control().listener()::eventsLost;
                out.coverage = new Coverage(subject.pid(), plan.control().listener()::coverage);
            }
            ExecIdentity.FileId interpreter = subject.pending() ? s.interpreterId() : new ExecIdentity.FileId(0, 0);
            EngineScript.Session session = new EngineScript.Session(plan.nonce(), interpreter.dev(), interpreter.ino(),
                    plan.windowSeconds());
            String program = EngineScript.render(plan.mode(), s.target(), table, subject.pid(), subject.pending(),
                    subject.runtimeAddress(), PrefixTable.build(s.paths(), plan.ids()), plan.always(), plan.allow(),
                    plan.exec(), plan.floorRefused(), session);
            try (EngineProcess engine = EngineProcess.start(program, plan.nonce(), out::accept)) {
                try {
                    engine.awaitReady(120);
                } catch (PreflightException e) {
                    if (subject instanceof LaunchedSubject launched) {
                        launched.abort();
                    }
                    throw e;
                }
                subject.release(plan.floor());
                if (out.windows != null) {
                    out.windows.restart(clock.instant());
                }
                plan.onAttached().run();
                EngineWatch watch = new EngineWatch(clock, notices);
                boolean engineDied = watch.watch(subject, engine, plan.duration(), plan.failClosed(), plan.control(),
                        out, tick);
                engine.stop();
                out.end();
                watch.reportLosses(out);
                if (engineDied && plan.control() != null) {
                    // A session the caller controls ends when its engine does: the caller restarts it.
                    throw new PreflightException(PreflightException.EX_SOFTWARE, "bpftrace stopped while supervising"
                            + " pid " + subject.pid() + ": " + EngineWatch.lastLine(engine.errorText()));
                }
                return subject.exitStatus(out.killed);
            }
        } catch (IOException e) {
            throw new PreflightException(PreflightException.EX_SOFTWARE, PreflightException.Kind.OTHER,
                    "supervision failed: " + e.getMessage());
        }
    }

    private static String serviceName(TraceRequest request, Setup s) {
        if (request.service() != null) {
            return request.service();
        }
        return request.command().isEmpty() ? "pid-" + request.pid()
                : Path.of(request.command().get(0)).getFileName().toString();
    }

    private static TreeMap<String, TraceModule> modules(OutputAssembler out) {
        TreeMap<String, TraceModule> map = new TreeMap<>();
        TreeSet<String> names = new TreeSet<>(out.observed.keySet());
        names.addAll(out.execs.keySet());
        for (String m : names) {
            map.put(m, new TraceModule(new TreeMap<>(out.observed.getOrDefault(m, Map.of())),
                    new TreeMap<>(out.execs.getOrDefault(m, Map.of())), List.of()));
        }
        return map;
    }
}
