package io.capgate.agent.fleet.discovery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One process's facts, read from the {@link ProcessTable} on first use and kept for the rest of the scan, so
 * several services test a process with one read of each file.
 */
public final class ProcessFacts {

    static final String DELETED = " (deleted)";

    private final ProcessTable table;
    private final int pid;
    private String rawExecutable;
    private List<String> commandLine;
    private List<String> cgroups;
    private ProcessTable.Stat stat;

    ProcessFacts(ProcessTable table, int pid) {
        this.table = table;
        this.pid = pid;
    }

    /** The pid. */
    public int pid() {
        return pid;
    }

    /** The executable, without the {@code " (deleted)"} the kernel appends once the file is gone. */
    public Path executable() throws IOException {
        String raw = rawExecutable();
        return Path.of(raw.endsWith(DELETED) ? raw.substring(0, raw.length() - DELETED.length()) : raw);
    }

    /** True when the executable was deleted (or replaced by a new file) after the process started it. */
    public boolean executableDeleted() throws IOException {
        return rawExecutable().endsWith(DELETED);
    }

    /** The arguments, {@code argv[0]} first. */
    public List<String> commandLine() throws IOException {
        if (commandLine == null) {
            commandLine = table.commandLine(pid);
        }
        return commandLine;
    }

    /** The lines of {@code /proc/PID/cgroup}. */
    public List<String> cgroups() throws IOException {
        if (cgroups == null) {
            cgroups = table.cgroups(pid);
        }
        return cgroups;
    }

    ProcessTable.Stat stat() throws IOException {
        if (stat == null) {
            stat = table.stat(pid);
        }
        return stat;
    }

    DiscoveredProcess toDiscovered() throws IOException {
        ProcessTable.Stat s = stat();
        return new DiscoveredProcess(new ProcessId(pid, s.startTicks()), s.parentPid(), executable(),
                executableDeleted(), commandLine());
    }

    private String rawExecutable() throws IOException {
        if (rawExecutable == null) {
            rawExecutable = table.executable(pid);
        }
        return rawExecutable;
    }
}
