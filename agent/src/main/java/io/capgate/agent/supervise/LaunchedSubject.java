package io.capgate.agent.supervise;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A command started behind the {@link Launcher} gate. */
final class LaunchedSubject implements Subject {

    private final Launcher launcher;

    LaunchedSubject(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public int pid() {
        return launcher.pid();
    }

    @Override
    public boolean pending() {
        return true;
    }

    @Override
    public long runtimeAddress() {
        return 0;
    }

    @Override
    public void release(Optional<byte[]> floor) throws IOException {
        launcher.open(floor);
    }

    @Override
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return launcher.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public int exitStatus(boolean killedByEngine) {
        return launcher.process().exitValue();
    }

    /** Stops a command that never got to run (the engine failed to start). */
    void abort() {
        launcher.process().destroyForcibly();
    }

    @Override
    public void close() throws IOException {
        launcher.close();
    }
}
