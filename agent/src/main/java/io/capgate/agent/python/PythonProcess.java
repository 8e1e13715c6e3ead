package io.capgate.agent.python;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A running CPython process, located: everything the stack walker needs to start reading.
 *
 * @param pid the process id
 * @param executable its executable, as {@code /proc/PID/exe} names it
 * @param libraryPath the {@code libpython3.X.so} holding the runtime, or null when the
 *     executable holds it (static build such as Debian's {@code /usr/bin/python3.11})
 * @param version the interpreter version
 * @param runtimeAddress the run-time address of {@code _PyRuntime} in the process
 * @param offsets the struct offsets of that version
 */
public record PythonProcess(int pid, Path executable, Path libraryPath, PythonVersion version, long runtimeAddress,
        PythonOffsets offsets) {

    /** Checks the non-null fields. */
    public PythonProcess {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(offsets, "offsets");
    }

    /** The file that defines {@code _PyRuntime} and the interpreter's functions (uprobe target). */
    public Path runtimeBinary() {
        return libraryPath != null ? libraryPath : executable;
    }
}
