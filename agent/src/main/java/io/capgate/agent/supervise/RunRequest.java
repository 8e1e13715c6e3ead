package io.capgate.agent.supervise;

import io.capgate.agent.engine.EngineMode;
import io.capgate.model.manifest.Manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What to enforce.
 *
 * @param manifest       the validated manifest
 * @param mode           LOG, STOP or KILL
 * @param command        program and arguments to start, or empty with {@code pid}
 * @param pid            a running CPython process to attach to, or null
 * @param violationsFile where to append violations as JSON lines, or null
 * @param failClosed     kill the supervised process if bpftrace dies
 * @param floor          install the seccomp floor before exec (started commands, stop/kill modes)
 * @param appRoot        overrides the application root, or null
 * @param violations     receives each violation as it is assembled (the CLI prints one line to stderr)
 * @param onAttached     runs once the engine is attached and the subject released
 * @param python         the interpreter the command runs on, when it cannot be told from the command, or null
 * @param control        per-session stop and reports (the agent daemon), or null: then an attached run ends on
 *                       Ctrl-C
 */
public record RunRequest(Manifest manifest, EngineMode mode, List<String> command, Integer pid, Path violationsFile,
                         boolean failClosed, boolean floor, Path appRoot, Consumer<Violation> violations,
                         Runnable onAttached, Path python, SessionControl control) {

    public RunRequest(Manifest manifest, EngineMode mode, List<String> command, Integer pid, Path violationsFile,
                      boolean failClosed, boolean floor, Path appRoot, Consumer<Violation> violations,
                      Runnable onAttached, Path python) {
        this(manifest, mode, command, pid, violationsFile, failClosed, floor, appRoot, violations, onAttached, python,
                null);
    }

    public RunRequest(Manifest manifest, EngineMode mode, List<String> command, Integer pid, Path violationsFile,
                      boolean failClosed, boolean floor, Path appRoot, Consumer<Violation> violations) {
        this(manifest, mode, command, pid, violationsFile, failClosed, floor, appRoot, violations, null, null);
    }

    public RunRequest(Manifest manifest, EngineMode mode, List<String> command, Integer pid, Path violationsFile,
                      boolean failClosed, boolean floor, Path appRoot, Consumer<Violation> violations,
                      Runnable onAttached) {
        this(manifest, mode, command, pid, violationsFile, failClosed, floor, appRoot, violations, onAttached, null);
    }

    public RunRequest {
        command = List.copyOf(command == null ? List.of() : command);
        if (command.isEmpty() == (pid == null)) {
            throw new IllegalArgumentException("give either a command or --pid, not both or neither");
        }
        if (mode == EngineMode.TRACE) {
            throw new IllegalArgumentException("run enforces: use log, stop or kill");
        }
        violations = violations == null ? v -> { } : violations;
        onAttached = onAttached == null ? () -> { } : onAttached;
    }
}
