package io.capgate.agent.python;

import java.nio.file.Path;
import java.util.List;

/**
 * The interpreter a command line will run.
 *
 * @param command argv[0] found on PATH (absolute, symlinks not resolved), e.g. {@code /usr/bin/uvicorn}
 * @param interpreter the ELF executable as it will be exec'ed (symlinks not resolved, so a venv's
 *     {@code bin/python} stays recognisable), e.g. {@code /usr/bin/python3}
 * @param executable {@link #interpreter()} with symlinks resolved, e.g. {@code /usr/bin/python3.11}
 * @param interpreterArguments options the {@code #!} lines add before the script, e.g. {@code [-u]}
 * @param chain every file followed, from the command to the interpreter
 */
public record ResolvedInterpreter(Path command, Path interpreter, Path executable, List<String> interpreterArguments,
        List<Path> chain) {

    /** Copies the lists. */
    public ResolvedInterpreter {
        interpreterArguments = List.copyOf(interpreterArguments);
        chain = List.copyOf(chain);
    }

    /** True when the command is a script run by the interpreter, not the interpreter itself. */
    public boolean isScript() {
        return !command.equals(interpreter);
    }
}
