package io.capgate.agent.supervise;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What to trace: either a command to start ({@code command} non-empty) or a running interpreter ({@code pid}).
 *
 * @param command  program and arguments, started by Capgate as the invoking user; empty with {@code pid}
 * @param pid      a running CPython process to attach to, or null
 * @param duration how long to trace an attached process (null: until Ctrl-C); a started command runs to its end
 * @param appRoot  overrides the application root modules are named against, or null
 * @param service  service name to put in the trace, or null for the program's name
 * @param progress receives about one progress update per second (syscalls/s, modules seen)
 * @param onAttached runs once the engine is attached and the subject released
 * @param python     the interpreter the command runs on, when it cannot be told from the command, or null
 * @param control    per-session stop, observation windows and reports (the agent daemon), or null: then an
 *                   attached trace ends on Ctrl-C or its duration, and observations come only with the result
 */
public record TraceRequest(List<String> command, Integer pid, Duration duration, Path appRoot, String service,
                           Consumer<Progress> progress, Runnable onAttached, Path python, SessionControl control) {

    public TraceRequest(List<String> command, Integer pid, Duration duration, Path appRoot, String service,
                        Consumer<Progress> progress, Runnable onAttached, Path python) {
        this(command, pid, duration, appRoot, service, progress, onAttached, python, null);
    }

    public TraceRequest(List<String> command, Integer pid, Duration duration, Path appRoot, String service,
                        Consumer<Progress> progress) {
        this(command, pid, duration, appRoot, service, progress, null, null);
    }

    public TraceRequest(List<String> command, Integer pid, Duration duration, Path appRoot, String service,
                        Consumer<Progress> progress, Runnable onAttached) {
        this(command, pid, duration, appRoot, service, progress, onAttached, null);
    }

    public TraceRequest {
        command = List.copyOf(command == null ? List.of() : command);
        if (command.isEmpty() == (pid == null)) {
            throw new IllegalArgumentException("give either a command or --pid, not both or neither");
        }
        progress = progress == null ? p -> { } : progress;
        onAttached = onAttached == null ? () -> { } : onAttached;
    }

    /** One progress update. */
    public record Progress(long syscallsPerSecond, int modulesSeen, long lostEvents) {
    }
}
