package io.capgate.agent.supervise;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C while supervising: the JVM must not die before the engine's counts are read and the trace is
 * written. The terminal's SIGINT still reaches a started command (a REPL handles it as usual); bpftrace
 * runs in its own session and is stopped by us.
 */
final class Interrupts {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static volatile boolean requested;

    private Interrupts() {
    }

    @SuppressWarnings("removal")
    static void install() {
        requested = false;
        if (INSTALLED.compareAndSet(false, true)) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> requested = true);
            } catch (IllegalArgumentException e) {
                // No terminal signals in this JVM (e.g. -Xrs): Ctrl-C then simply ends the JVM.
            }
        }
    }

    static boolean requested() {
        return requested;
    }
}
