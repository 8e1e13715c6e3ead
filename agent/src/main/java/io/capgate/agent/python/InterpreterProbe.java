package io.capgate.agent.python;

import io.capgate.agent.os.CommandRunner;
import io.capgate.agent.os.ProcessCommandRunner;
import io.capgate.agent.python.elf.ElfFile;
import io.capgate.agent.python.elf.ElfSymbol;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Facts about an interpreter executable before it runs as a service: which ELF file holds
 * {@code _PyRuntime} (the executable or the libpython it links), where to put a start-up
 * uprobe, its version and offsets, and its path layout ({@link #facts()}, which runs it once).
 */
public final class InterpreterProbe {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);
    private static final String FACTS_SCRIPT = "interpreter_facts.py";

    private final Path interpreter;
    private final Path executable;
    private final CommandRunner runner;
    private final ElfFile runtimeElf;
    private final Path binaryWithRuntime;
    private final ElfSymbol runtimeSymbol;
    private final StartupSymbol startupSymbol;
    private final PythonVersion version;
    private volatile InterpreterFacts facts;

    private InterpreterProbe(Path interpreter, Path executable, CommandRunner runner, RuntimeBinary runtime,
            StartupSymbol startupSymbol, PythonVersion version) {
        this.interpreter = interpreter;
        this.executable = executable;
        this.runner = runner;
        this.runtimeElf = runtime.elf();
        this.binaryWithRuntime = runtime.path();
        this.runtimeSymbol = runtime.symbol();
        this.startupSymbol = startupSymbol;
        this.version = version;
    }

    /** Probes with the real process runner and the agent's {@code LD_LIBRARY_PATH}. */
    public static InterpreterProbe probe(Path interpreter) throws IOException, UnsupportedInterpreterException {
        CommandRunner runner = new ProcessCommandRunner();
        return probe(interpreter, runner, new LibraryResolver(runner, System.getenv("LD_LIBRARY_PATH")));
    }

    /**
     * Probes an interpreter executable.
     *
     * @param interpreter the executable as it will be started (a venv's {@code bin/python} stays
     *     unresolved so {@link #facts()} sees the venv)
     * @param runner runs the interpreter for {@link #facts()} (and {@code ldconfig})
     * @param libraries finds the libpython it links
     * @throws UnsupportedInterpreterException when it is not CPython 3.7+ (no {@code _PyRuntime}),
     *     its version is unknown or it has no start-up symbol
     * @throws IOException when a file cannot be read or is not ELF
     */
    public static InterpreterProbe probe(Path interpreter, CommandRunner runner, LibraryResolver libraries)
            throws IOException, UnsupportedInterpreterException {
        Path executable = interpreter.toRealPath();
        ElfFile exeElf = ElfFile.open(executable);
        RuntimeBinary runtime = RuntimeBinary.find(executable, exeElf, libraries,
                () -> runFacts(interpreter, runner).libdir());
        PythonVersion version = PythonBinaries.version(runtime.elf(), runtime.path(), executable).orElseThrow(() ->
                new UnsupportedInterpreterException("%s defines %s but its version is unknown (no %s)".formatted(
                        runtime.path(), PythonBinaries.RUNTIME_SYMBOL, PythonBinaries.VERSION_SYMBOL), runtime.path(), null));
        StartupSymbol startup = startupSymbol(runtime).orElseThrow(() -> new UnsupportedInterpreterException(
                "%s (CPython %s) defines none of %s".formatted(runtime.path(), version, StartupSymbol.CANDIDATES),
                runtime.path(), version));
        return new InterpreterProbe(interpreter, executable, runner, runtime, startup, version);
    }

    private static Optional<StartupSymbol> startupSymbol(RuntimeBinary runtime) throws IOException {
        for (String name : StartupSymbol.CANDIDATES) {
            Optional<ElfSymbol> symbol = runtime.elf().symbol(name).filter(s -> s.type() == ElfSymbol.STT_FUNC);
            if (symbol.isPresent()) {
                long offset = runtime.elf().fileOffsetOf(symbol.get().value()).orElseThrow(() -> new IOException(
                        "%s: %s at 0x%x is not in a loaded segment".formatted(runtime.path(), name, symbol.get().value())));
                return Optional.of(new StartupSymbol(runtime.path(), name, symbol.get().value(), offset));
            }
        }
        return Optional.empty();
    }

    /** The executable as given. */
    public Path interpreter() {
        return interpreter;
    }

    /** The executable with symlinks resolved: the ELF file that is exec'ed. */
    public Path executable() {
        return executable;
    }

    /** The ELF file holding {@code _PyRuntime}: {@link #executable()} or its libpython (real path). */
    public Path binaryWithRuntime() {
        return binaryWithRuntime;
    }

    /** True when the runtime lives in a shared libpython rather than the executable. */
    public boolean runtimeInLibrary() {
        return !binaryWithRuntime.equals(executable);
    }

    /** The link-time value of {@code _PyRuntime} in {@link #binaryWithRuntime()}. */
    public long runtimeSymbolValue() {
        return runtimeSymbol.value();
    }

    /** Where to put a start-up uprobe. */
    public StartupSymbol startupSymbol() {
        return startupSymbol;
    }

    /** The version, from {@code Py_Version} in the runtime binary. */
    public PythonVersion version() {
        return version;
    }

    /** The offsets for this interpreter from {@code source}, if it has them. */
    public Optional<PythonOffsets> offsets(OffsetsSource source) {
        return source.offsetsFor(version, (offset, length) -> runtimeElf.readVirtual(runtimeSymbol.value() + offset, length));
    }

    /**
     * The offsets, or an explanation of why there are none.
     *
     * @throws UnsupportedInterpreterException naming the binary and version and how to add offsets
     */
    public PythonOffsets requireOffsets(OffsetsSource source) throws UnsupportedInterpreterException {
        return offsets(source).orElseThrow(() ->
                UnsupportedInterpreterException.noOffsets("interpreter " + interpreter, binaryWithRuntime, version, source));
    }

    /**
     * Runs {@code <interpreter> -I -S -c <script>} once (cached) and returns what it reports.
     *
     * @throws IOException when it fails to run or prints something unexpected
     */
    public InterpreterFacts facts() throws IOException {
        InterpreterFacts result = facts;
        if (result == null) {
            result = runFacts(interpreter, runner);
            facts = result;
        }
        return result;
    }

    static InterpreterFacts runFacts(Path interpreter, CommandRunner runner) throws IOException {
        List<String> command = List.of(interpreter.toString(), "-I", "-S", "-c", factsScript());
        CommandRunner.Result run = runner.run(command, null, Map.of(), RUN_TIMEOUT);
        if (run.exitCode() != 0) {
            throw new IOException("%s -I -S -c <facts script> exited with %d: %s".formatted(interpreter, run.exitCode(),
                    run.stderr().strip()));
        }
        try {
            return InterpreterFacts.parse(run.stdout(), interpreter.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String factsScript() {
        try (InputStream in = InterpreterProbe.class.getResourceAsStream(FACTS_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("resource " + FACTS_SCRIPT + " is missing from the agent");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
