package io.capgate.agent.python;

import io.capgate.agent.os.ProcessMemory;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Semaphores this agent incremented in one process; {@link #close()} decrements them again.
 * The {@code /proc/PID/mem} handle opened when arming is kept, so a disarm after the process
 * exited cannot touch a new process that reused the pid (reads and writes then just fail,
 * which disarm ignores).
 */
public final class ArmedSemaphores implements Closeable {

    private final int pid;
    private final ProcessMemory memory;
    private final List<UsdtSemaphore> semaphores;
    private boolean closed;

    ArmedSemaphores(int pid, ProcessMemory memory, List<UsdtSemaphore> semaphores) {
        this.pid = pid;
        this.memory = memory;
        this.semaphores = List.copyOf(semaphores);
    }

    /** The process. */
    public int pid() {
        return pid;
    }

    /** The semaphores armed, each once. */
    public List<UsdtSemaphore> semaphores() {
        return semaphores;
    }

    /**
     * Decrements every armed semaphore that is still above zero; idempotent. A process that
     * has exited is not an error.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            UsdtSemaphores.decrementAll(memory, semaphores);
        } finally {
            memory.close();
        }
    }
}
