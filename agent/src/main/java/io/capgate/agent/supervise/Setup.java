package io.capgate.agent.supervise;

import io.capgate.agent.engine.PythonPaths;
import io.capgate.agent.engine.PythonTarget;
import io.capgate.agent.os.LinuxProcFs;
import io.capgate.agent.os.ProcessCommandRunner;
import io.capgate.agent.python.BundledOffsets;
import io.capgate.agent.python.InterpreterFacts;
import io.capgate.agent.python.InterpreterProbe;
import io.capgate.agent.python.InterpreterResolver;
import io.capgate.agent.python.PythonProcess;
import io.capgate.agent.python.PythonRuntimeLocator;
import io.capgate.agent.python.ResolvedInterpreter;
import io.capgate.agent.python.UnsupportedInterpreterException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What is known about the subject before the engine starts: its interpreter (version, offsets, the binary
 * holding {@code _PyRuntime}), its paths, and how to get hold of it (start the command, or attach).
 */
record Setup(PythonTarget target, InterpreterFacts facts, PythonPaths paths, List<String> command, Integer pid,
             long runtimeAddress) {

    static Setup of(List<String> command, Integer pid, Path appRoot, Path python) throws PreflightException {
        try {
            return pid != null ? attach(pid, appRoot) : launch(command, appRoot, python);
        } catch (UnsupportedInterpreterException e) {
            throw new PreflightException(PreflightException.EX_CONFIG, e.getMessage());
        } catch (IOException e) {
            String what = pid != null ? "process " + pid : command.get(0);
            boolean gone = pid != null && ProcessHandle.of(pid).isEmpty();
            throw new PreflightException(PreflightException.EX_UNAVAILABLE,
                    gone ? PreflightException.Kind.NO_PROCESS : PreflightException.Kind.INTERPRETER,
                    "cannot inspect the Python interpreter of " + what + ": " + e.getMessage());
        }
    }

    private static Setup launch(List<String> command, Path appRoot, Path python)
            throws IOException, UnsupportedInterpreterException {
        ResolvedInterpreter resolved = null;
        try {
            resolved = InterpreterResolver.fromEnvironment(new ProcessCommandRunner()).resolve(command.get(0));
        } catch (IOException e) {
            if (python == null) {
                throw e;
            }
        }
        // --python names the interpreter when the command does not show it (a launcher binary, a script
        // whose #! cannot be followed); the engine then arms at that interpreter's exec.
        InterpreterProbe probe = InterpreterProbe.probe(python != null ? python : resolved.interpreter());
        boolean script = resolved != null && resolved.isScript();
        InterpreterFacts facts = probe.facts();
        Path cwd = Path.of("").toAbsolutePath();
        PythonPaths paths = AppRoots.paths(facts, AppRoots.root(command, script, cwd, appRoot));
        return new Setup(target(probe, facts), facts, paths, command, null, 0);
    }

    private static Setup attach(int pid, Path appRoot)
            throws IOException, UnsupportedInterpreterException, PreflightException {
        if (ProcessHandle.of(pid).isEmpty()) {
            throw new PreflightException(PreflightException.EX_USAGE, PreflightException.Kind.NO_PROCESS,
                    "no process " + pid);
        }
        PythonProcess process = new PythonRuntimeLocator(new LinuxProcFs(), new BundledOffsets()).locate(pid);
        InterpreterProbe probe = InterpreterProbe.probe(process.executable());
        InterpreterFacts facts = probe.facts();
        Path proc = Path.of("/proc", Integer.toString(pid));
        List<String> argv = Arrays.asList(new String(Files.readAllBytes(proc.resolve("cmdline")),
                StandardCharsets.UTF_8).split("\0"));
        Path cwd = proc.resolve("cwd").toRealPath();
        PythonPaths paths = AppRoots.paths(facts, AppRoots.root(argv, false, cwd, appRoot));
        return new Setup(target(probe, facts), facts, paths, List.of(), pid, process.runtimeAddress());
    }

    private static PythonTarget target(InterpreterProbe probe, InterpreterFacts facts)
            throws UnsupportedInterpreterException {
        var offsets = probe.requireOffsets(new BundledOffsets());
        return new PythonTarget(facts.version().toString(), offsets.asMap(), probe.binaryWithRuntime().toString(),
                probe.startupSymbol().name(), probe.startupSymbol().value(), probe.runtimeSymbolValue());
    }

    /** The interpreter executable's identity (the engine arms at its exec); 0/0 arms at the first exec. */
    ExecIdentity.FileId interpreterId() {
        return ExecIdentity.FileId.of(facts.executable()).orElse(new ExecIdentity.FileId(0, 0));
    }

    /** Starts the command behind its gate, or takes hold of the running process. */
    Subject open() throws IOException, InterruptedException, PreflightException {
        if (pid != null) {
            ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new PreflightException(
                    PreflightException.EX_USAGE, PreflightException.Kind.NO_PROCESS, "no process " + pid));
            return new AttachedSubject(handle, runtimeAddress);
        }
        return new LaunchedSubject(Launcher.start(facts.executable(), command));
    }
}
