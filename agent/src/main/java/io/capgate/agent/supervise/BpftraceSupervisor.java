package io.capgate.agent.supervise;

import io.capgate.agent.engine.EngineMode;
import io.capgate.agent.engine.EngineScript;
import io.capgate.agent.engine.ModuleIds;
import io.capgate.agent.engine.ModuleNamer;
import io.capgate.agent.engine.PrefixTable;
import io.capgate.agent.engine.PythonPaths;
import io.capgate.agent.engine.PythonTarget;
import io.capgate.agent.os.ProcessCommandRunner;
import io.capgate.agent.python.BundledOffsets;
import io.capgate.agent.python.InterpreterFacts;
import io.capgate.agent.python.InterpreterProbe;
import io.capgate.agent.python.InterpreterResolver;
import io.capgate.agent.python.ResolvedInterpreter;
import io.capgate.agent.python.UnsupportedInterpreterException;
import io.capgate.model.manifest.ResolvedPolicy;
import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.SyscallTable;
import io.capgate.model.trace.Trace;
import io.capgate.model.trace.TraceModule;
import io.capgate.templates.MapEntry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Supervision with bpftrace on this host: started commands (gated launcher) for now. */
final class BpftraceSupervisor implements Supervisor {

    private final Clock clock = Clock.systemUTC();
    private final SyscallTable table = SyscallTable.of(Arch.host());

    @Override
    public Trace trace(TraceRequest request) throws PreflightException, InterruptedException {
        requireCommand(request.command());
        Preflight.check();
        Target t = target(request.command(), request.appRoot());
        ModuleIds ids = ModuleIds.forModules(List.of());
        OutputAssembler out = new OutputAssembler(new ModuleNamer(t.paths), ids, table, EngineMode.TRACE, clock, v -> { });
        Instant start = clock.instant();
        int status = supervise(request.command(), t, EngineMode.TRACE, ids, new BitSet(), List.of(), List.of(), out,
                Optional.empty(), () -> request.progress().accept(new TraceRequest.Progress(out.rate, out.modulesSeen(), out.lost)));
        SortedModules modules = new SortedModules(out);
        String service = request.service() != null ? request.service()
                : Path.of(request.command().get(0)).getFileName().toString();
        return new Trace(Trace.API_VERSION, service, table.arch().id(), t.facts.version().toString(),
                t.facts.executable().toString(), t.paths.appRoot(), request.command(), start.toString(),
                clock.millis() - start.toEpochMilli(), out.lost, modules.map);
    }

    @Override
    public int run(RunRequest request) throws PreflightException, InterruptedException {
        requireCommand(request.command());
        Preflight.check();
        Target t = target(request.command(), request.appRoot());
        ResolvedPolicy policy = ResolvedPolicy.resolve(request.manifest(), table.arch());
        ModuleIds ids = ModuleIds.forModules(request.manifest().moduleNames());
        List<MapEntry> allow = PolicyEntries.allow(policy, ids);
        List<MapEntry> exec = PolicyEntries.exec(policy, ids);
        ViolationSink sink = ViolationSink.open(request.violationsFile(), request.violations());
        try (sink) {
            OutputAssembler out = new OutputAssembler(new ModuleNamer(t.paths), ids, table, request.mode(), clock, sink);
            Optional<byte[]> floor = request.floor() && request.mode() != EngineMode.LOG
                    ? SeccompFloor.forPolicy(policy, table) : Optional.empty();
            return supervise(request.command(), t, request.mode(), ids, PolicyEntries.always(policy, table), allow,
                    exec, out, floor, () -> { });
        } catch (IOException e) {
            throw new PreflightException(PreflightException.EX_SOFTWARE, "cannot write violations: " + e.getMessage());
        }
    }

    private int supervise(List<String> command, Target t, EngineMode mode, ModuleIds ids, BitSet always,
                          List<MapEntry> allow, List<MapEntry> exec, OutputAssembler out, Optional<byte[]> floor,
                          Runnable tick)
            throws PreflightException, InterruptedException {
        try (Launcher launcher = Launcher.start(t.facts.executable(), command)) {
            String program = EngineScript.render(mode, t.target, table, launcher.pid(), true, 0,
                    PrefixTable.build(t.paths, ids), always, allow, exec);
            try (EngineProcess engine = EngineProcess.start(program, out::accept)) {
                engine.awaitReady(120);
                launcher.open(floor);
                Process child = launcher.process();
                while (!child.waitFor(1, java.util.concurrent.TimeUnit.SECONDS)) {
                    tick.run();
                    if (!engine.isAlive()) {
                        throw new PreflightException(PreflightException.EX_SOFTWARE,
                                "bpftrace stopped while supervising:\n" + engine.errorText());
                    }
                }
                engine.stop();
                return child.exitValue();
            }
        } catch (IOException e) {
            throw new PreflightException(PreflightException.EX_SOFTWARE, "supervision failed: " + e.getMessage());
        }
    }

    private static void requireCommand(List<String> command) throws PreflightException {
        if (command.isEmpty()) {
            throw new PreflightException(PreflightException.EX_USAGE, "attaching by --pid is not wired yet");
        }
    }

    private Target target(List<String> command, Path appRoot) throws PreflightException {
        try {
            ResolvedInterpreter resolved = InterpreterResolver.fromEnvironment(new ProcessCommandRunner())
                    .resolve(command.get(0));
            InterpreterProbe probe = InterpreterProbe.probe(resolved.interpreter());
            var offsets = probe.requireOffsets(new BundledOffsets());
            InterpreterFacts facts = probe.facts();
            PythonTarget target = new PythonTarget(facts.version().toString(), offsets.asMap(),
                    probe.binaryWithRuntime().toString(), probe.startupSymbol().name(), probe.startupSymbol().value(),
                    probe.runtimeSymbolValue());
            return new Target(target, facts, AppRoots.paths(facts, resolved, command, appRoot));
        } catch (UnsupportedInterpreterException e) {
            throw new PreflightException(PreflightException.EX_CONFIG, e.getMessage());
        } catch (IOException e) {
            throw new PreflightException(PreflightException.EX_UNAVAILABLE,
                    "cannot inspect the interpreter of " + command.get(0) + ": " + e.getMessage());
        }
    }

    private record Target(PythonTarget target, InterpreterFacts facts, PythonPaths paths) {
    }

    /** Observations and execs gathered into trace modules. */
    private static final class SortedModules {
        final TreeMap<String, TraceModule> map = new TreeMap<>();

        SortedModules(OutputAssembler out) {
            java.util.Set<String> names = new java.util.TreeSet<>(out.observed.keySet());
            names.addAll(out.execs.keySet());
            for (String m : names) {
                map.put(m, new TraceModule(new TreeMap<>(out.observed.getOrDefault(m, Map.of())),
                        new TreeMap<>(out.execs.getOrDefault(m, Map.of())), new ArrayList<>()));
            }
        }
    }
}
