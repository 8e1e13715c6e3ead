package io.capgate.agent.supervise;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** The supervised root process: one Capgate started behind its gate, or a running one it attached to. */
interface Subject extends AutoCloseable {

    int pid();

    /** True while the root has not executed the target yet (the engine arms itself at that exec). */
    boolean pending();

    /** {@code _PyRuntime}'s address when already known (attached), else 0 (found by the uprobe at start). */
    long runtimeAddress();

    /** Lets a started command run (with the floor, if any); nothing for an attached process. */
    void release(Optional<byte[]> floor) throws IOException;

    /** Waits up to {@code timeout} for the root to exit; true when it has. */
    boolean awaitExit(Duration timeout) throws InterruptedException;

    /**
     * The exit status: exit code or 128 + signal for a started command; for an attached process, which is
     * not our child, 137 when the engine killed it, else 0.
     */
    int exitStatus(boolean killedByEngine);

    @Override
    void close() throws IOException;
}
