package io.capgate.agent.python;

import io.capgate.agent.os.CommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pyenv shim ({@code ~/.pyenv/shims/python3}): a bash script that runs
 * {@code pyenv exec <name>}, which picks the version from {@code PYENV_VERSION}, a
 * {@code .python-version} file up from the working directory, or the global setting. The
 * interpreter it will run is what {@code pyenv which <name>} prints in that directory.
 *
 * @param pyenv the {@code libexec/pyenv} program the shim executes
 * @param root the {@code PYENV_ROOT} the shim exports
 */
record PyenvShim(Path pyenv, String root) {

    private static final Pattern EXEC = Pattern.compile("exec \"([^\"]+/libexec/pyenv)\" exec ");
    private static final Pattern ROOT = Pattern.compile("export PYENV_ROOT=\"([^\"]+)\"");

    /** Recognises a shim by its exec line. */
    static Optional<PyenvShim> detect(String script) {
        Matcher exec = EXEC.matcher(script);
        if (!exec.find()) {
            return Optional.empty();
        }
        Matcher root = ROOT.matcher(script);
        return Optional.of(new PyenvShim(Path.of(exec.group(1)), root.find() ? root.group(1) : ""));
    }

    /**
     * Asks pyenv which executable the shim {@code name} would run from {@code workingDirectory}.
     *
     * @throws IOException when pyenv fails (e.g. the version is not installed)
     */
    Path which(String name, Path workingDirectory, CommandRunner runner) throws IOException {
        Map<String, String> env = root.isEmpty() ? Map.of() : Map.of("PYENV_ROOT", root);
        CommandRunner.Result result = runner.run(List.of(pyenv.toString(), "which", name), workingDirectory, env,
                Duration.ofSeconds(10));
        String out = result.stdout().strip();
        if (result.exitCode() != 0 || out.isEmpty() || out.contains("\n")) {
            throw new IOException("pyenv shim %s: '%s which %s' failed (exit %d): %s".formatted(name, pyenv, name,
                    result.exitCode(), result.stderr().strip()));
        }
        return Path.of(out);
    }
}
