package io.capgate.agent.fleet.discovery;

import io.capgate.agent.os.NoSuchProcessException;
import java.io.IOException;
import java.util.List;

/**
 * The process facts discovery reads from {@code /proc}. {@link LinuxProcessTable} reads a procfs mount (or a
 * directory laid out like one, in tests).
 *
 * <p>Every per-process method throws {@link NoSuchProcessException} when the process is gone (or, for
 * {@link #executable}, is a kernel thread without one) and {@link java.nio.file.AccessDeniedException} when this
 * agent may not look (not root, another user's process).
 */
public interface ProcessTable {

    /** The pids of all processes (not threads) right now. */
    List<Integer> pids() throws IOException;

    /** The link target of {@code /proc/PID/exe}: an absolute path, possibly ending with {@code " (deleted)"}. */
    String executable(int pid) throws IOException;

    /** {@code /proc/PID/cmdline} split at NUL bytes; empty for zombies. */
    List<String> commandLine(int pid) throws IOException;

    /** The lines of {@code /proc/PID/cgroup}, such as {@code 0::/system.slice/billing.service}. */
    List<String> cgroups(int pid) throws IOException;

    /** Parent pid and start time from {@code /proc/PID/stat}. */
    Stat stat(int pid) throws IOException;

    /**
     * The fields of {@code /proc/PID/stat} discovery uses.
     *
     * @param parentPid  field 4
     * @param startTicks field 22, clock ticks since boot
     */
    record Stat(int parentPid, long startTicks) {
    }
}
