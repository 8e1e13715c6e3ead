package io.capgate.agent.fleet.discovery;

/**
 * One process, told apart from a later process that reuses its pid by its start time.
 *
 * @param pid        the process id (thread group id)
 * @param startTicks when it started, in clock ticks since boot (field 22 of {@code /proc/PID/stat})
 */
public record ProcessId(int pid, long startTicks) implements Comparable<ProcessId> {

    public ProcessId {
        if (pid <= 0) {
            throw new IllegalArgumentException("not a process id: " + pid);
        }
        if (startTicks < 0) {
            throw new IllegalArgumentException("start time must not be negative: " + startTicks);
        }
    }

    @Override
    public int compareTo(ProcessId other) {
        int byPid = Integer.compare(pid, other.pid);
        return byPid != 0 ? byPid : Long.compare(startTicks, other.startTicks);
    }

    @Override
    public String toString() {
        return pid + "@" + startTicks;
    }
}
