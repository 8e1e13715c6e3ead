package io.capgate.agent.python;

import io.capgate.agent.os.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Works out which interpreter executable a command line will run: argv[0] is looked up on
 * PATH like {@code execvp}, then {@code #!} lines are followed (including
 * {@code #!/usr/bin/env python3}) and pyenv shims are asked, until an ELF file is reached.
 */
public final class InterpreterResolver {

    /** Linux follows at most this many nested {@code #!} interpreters (BINPRM_MAX_RECURSION). */
    private static final int MAX_DEPTH = 4;
    /** The kernel reads at most this much of the {@code #!} line. */
    private static final int SHEBANG_LIMIT = 256;
    private static final int SCRIPT_PEEK = 4096;

    private final String path;
    private final Path workingDirectory;
    private final CommandRunner runner;

    /**
     * Resolves commands as they would run with this PATH and working directory.
     *
     * @param path the {@code PATH} the command will run with
     * @param workingDirectory its working directory (relative argv[0], pyenv's {@code .python-version})
     * @param runner runs {@code pyenv which} for pyenv shims
     */
    public InterpreterResolver(String path, Path workingDirectory, CommandRunner runner) {
        this.path = path == null ? "" : path;
        this.workingDirectory = workingDirectory.toAbsolutePath();
        this.runner = runner;
    }

    /** A resolver for the agent's own PATH and working directory. */
    public static InterpreterResolver fromEnvironment(CommandRunner runner) {
        return new InterpreterResolver(System.getenv("PATH"), Path.of(""), runner);
    }

    /**
     * Resolves argv[0].
     *
     * @throws NoSuchFileException when it is not on PATH or a {@code #!} interpreter is missing
     * @throws IOException when a file is neither ELF nor a {@code #!} script, or nesting is too deep
     */
    public ResolvedInterpreter resolve(String argv0) throws IOException {
        Path command = lookUp(argv0);
        Path current = command;
        List<Path> chain = new ArrayList<>(List.of(command));
        List<String> arguments = new ArrayList<>();
        for (int depth = 0; depth <= MAX_DEPTH; depth++) {
            byte[] head = peek(current);
            if (head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
                return new ResolvedInterpreter(command, current, current.toRealPath(), arguments, chain);
            }
            String text = new String(head, StandardCharsets.UTF_8);
            Optional<PyenvShim> shim = PyenvShim.detect(text);
            if (shim.isPresent()) {
                current = shim.get().which(current.getFileName().toString(), workingDirectory, runner);
            } else {
                int newline = text.indexOf('\n');
                String firstLine = text.substring(0, Math.min(newline < 0 ? text.length() : newline, SHEBANG_LIMIT));
                Shebang shebang = Shebang.parse(firstLine).orElseThrow(() -> new IOException(
                        "%s is neither an ELF executable nor a #! script".formatted(chain.get(chain.size() - 1))));
                current = shebang.viaEnv() ? lookUp(shebang.interpreter()) : Path.of(shebang.interpreter());
                arguments.addAll(0, shebang.arguments());
            }
            chain.add(current);
        }
        throw new IOException("more than %d nested interpreters: %s".formatted(MAX_DEPTH, chain));
    }

    /** {@code execvp} lookup: names with a slash are taken as paths, others searched on PATH. */
    Path lookUp(String name) throws IOException {
        if (name.isEmpty()) {
            throw new NoSuchFileException("empty command name");
        }
        if (name.contains("/")) {
            Path file = workingDirectory.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString());
            }
            return file;
        }
        for (String dir : path.split(":", -1)) {
            Path file = (dir.isEmpty() ? workingDirectory : workingDirectory.resolve(dir)).resolve(name);
            if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                return file;
            }
        }
        throw new NoSuchFileException(name, null, "not found on PATH=" + path);
    }

    private static byte[] peek(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SCRIPT_PEEK);
        }
    }
}
