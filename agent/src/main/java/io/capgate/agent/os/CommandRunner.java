package io.capgate.agent.os;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs a short-lived helper command and collects its output. {@link ProcessCommandRunner} is the real one. */
public interface CommandRunner {

    /**
     * What a command printed and how it exited.
     *
     * @param exitCode its exit status
     * @param stdout standard output (UTF-8)
     * @param stderr standard error (UTF-8)
     */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * Runs {@code command} and waits for it.
     *
     * @param command program and arguments (no shell)
     * @param workingDirectory where to run it, or null for the agent's own
     * @param extraEnvironment variables to set on top of the agent's environment
     * @param timeout how long to wait before killing it
     * @throws IOException when it cannot be started or does not finish in time
     */
    Result run(List<String> command, Path workingDirectory, Map<String, String> extraEnvironment, Duration timeout)
            throws IOException;
}
