package io.capgate.agent.python;

import java.nio.file.Path;

/**
 * A function an interpreter runs once, early at start-up, before any Python code: the place
 * for a uprobe that finds the new process's runtime before its first syscall of interest.
 *
 * @param binary the file defining it (the executable or its libpython)
 * @param name the symbol, {@code Py_BytesMain} when present
 * @param value its link-time address ({@code st_value})
 * @param fileOffset its offset in the file (what a uprobe is attached at)
 */
public record StartupSymbol(Path binary, String name, long value, long fileOffset) {

    /** Candidates in order of preference: the {@code main()} of {@code python3} calls the first. */
    public static final java.util.List<String> CANDIDATES = java.util.List.of("Py_BytesMain", "Py_Main", "Py_RunMain");
}
