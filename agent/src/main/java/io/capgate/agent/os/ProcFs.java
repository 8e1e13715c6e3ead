package io.capgate.agent.os;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Read access to one process's {@code /proc} entry. {@link LinuxProcFs} reads the real files;
 * tests implement this with canned text.
 */
public interface ProcFs {

    /**
     * The memory mappings of a process ({@code /proc/PID/maps}).
     *
     * @throws NoSuchProcessException when the process does not exist
     * @throws IOException when the file cannot be read or parsed
     */
    List<MemoryMapping> maps(int pid) throws IOException;

    /**
     * The executable of a process ({@code readlink /proc/PID/exe}), as seen in the process's
     * own mount namespace; may end with {@code " (deleted)"}.
     *
     * @throws NoSuchProcessException when the process does not exist
     * @throws IOException when the link cannot be read (e.g. a kernel thread)
     */
    Path exe(int pid) throws IOException;

    /**
     * Identity fields of {@code /proc/PID/status}.
     *
     * @throws NoSuchProcessException when the process does not exist
     * @throws IOException when the file cannot be read or parsed
     */
    ProcStatus status(int pid) throws IOException;

    /**
     * A path this (agent) process can open to read the file behind a mapping of {@code pid}:
     * through {@code /proc/PID/root} so container paths resolve, or through
     * {@code /proc/PID/map_files} when the file was deleted or replaced after mapping.
     */
    Path mappedFile(int pid, MemoryMapping mapping);

    /**
     * Opens the memory of a process ({@code /proc/PID/mem}). Needs ptrace access to the
     * process (root, or same user with a permissive {@code ptrace_scope}). The handle stays
     * bound to that process even if the pid is reused after it exits.
     *
     * @param writable whether {@link ProcessMemory#write} will be used
     * @throws NoSuchProcessException when the process does not exist
     * @throws IOException when access is denied
     */
    ProcessMemory openMemory(int pid, boolean writable) throws IOException;
}
