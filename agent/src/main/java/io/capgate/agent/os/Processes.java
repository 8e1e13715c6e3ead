package io.capgate.agent.os;

import java.io.IOException;

/** Process-level system calls the agent needs. {@link JnaProcesses} is the real one. */
public interface Processes {

    /**
     * True when a process with this pid exists (including zombies not yet reaped), as
     * {@code kill(pid, 0)} reports: success or {@code EPERM} mean it exists.
     */
    boolean isAlive(int pid);

    /** The effective user id of this (agent) process; 0 means root. */
    int euid();

    /**
     * Sends a signal.
     *
     * @throws NoSuchProcessException when the process does not exist
     * @throws IOException when the signal cannot be sent (e.g. {@code EPERM})
     */
    void kill(int pid, Signal signal) throws IOException;
}
