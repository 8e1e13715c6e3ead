package io.capgate.agent.supervise;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A running interpreter Capgate attached to by pid; it is not our child, so its status is not ours to read. */
final class AttachedSubject implements Subject {

    private final ProcessHandle handle;
    private final long runtimeAddress;

    AttachedSubject(ProcessHandle handle, long runtimeAddress) {
        this.handle = handle;
        this.runtimeAddress = runtimeAddress;
    }

    @Override
    public int pid() {
        return (int) handle.pid();
    }

    @Override
    public boolean pending() {
        return false;
    }

    @Override
    public long runtimeAddress() {
        return runtimeAddress;
    }

    @Override
    public void release(Optional<byte[]> floor) {
        // Already running: a seccomp filter cannot be installed into another process.
    }

    @Override
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        }
    }

    @Override
    public int exitStatus(boolean killedByEngine) {
        return killedByEngine ? 137 : 0;
    }

    @Override
    public void close() {
        // nothing held
    }
}
