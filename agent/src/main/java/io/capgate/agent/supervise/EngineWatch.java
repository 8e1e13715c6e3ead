package io.capgate.agent.supervise;

import io.capgate.agent.os.JnaProcesses;
import io.capgate.agent.os.Signal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/** Watches a running session until it is over, and says afterwards what the output lacked. */
final class EngineWatch {

    private final Clock clock;
    private final Consumer<String> notices;

    EngineWatch(Clock clock, Consumer<String> notices) {
        this.clock = clock;
        this.notices = notices;
    }

    static String lastLine(String text) {
        return text.lines().reduce((a, b) -> b).orElse("no message");
    }

    /**
     * Waits for the root to end, then for its descendants (a daemon outliving its parent stays supervised),
     * or for the duration to pass, Ctrl-C or the control's stop; watches that bpftrace stays up.
     *
     * @return true when a controlled session ends because bpftrace died
     */
    boolean watch(Subject subject, EngineProcess engine, Duration duration, boolean failClosed,
                  SessionControl control, OutputAssembler out, Runnable tick)
            throws InterruptedException, IOException {
        Instant deadline = duration == null ? null : clock.instant().plus(duration);
        boolean warned = false;
        boolean rootGone = false;
        while (true) {
            // A controlled session answers its stop within a fifth of a second; the CLI's loop keeps its pace.
            Duration step = control == null ? Duration.ofSeconds(1) : Duration.ofMillis(200);
            rootGone = rootGone || subject.awaitExit(step);
            if (rootGone) {
                out.live.remove(subject.pid());
                out.live.removeIf(pid -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
                if (out.coverage != null) {
                    out.coverage.exited(subject.pid());
                    out.coverage.prune();
                }
                if (out.live.isEmpty()) {
                    return false;
                }
                if (control == null) {
                    Thread.sleep(200);
                }
            }
            tick.run();
            if (control == null && Interrupts.requested() && subject instanceof AttachedSubject
                    || control != null && control.stopRequested()
                    || deadline != null && clock.instant().isAfter(deadline)) {
                return false;
            }
            if (!engine.isAlive() && control != null) {
                notices.accept("bpftrace stopped while supervising pid " + subject.pid() + ": "
                        + lastLine(engine.errorText()));
                return true;
            }
            if (!engine.isAlive() && !warned) {
                warned = true;
                notices.accept("bpftrace stopped while supervising pid " + subject.pid() + ": "
                        + lastLine(engine.errorText()));
                if (failClosed) {
                    for (int pid : java.util.List.copyOf(out.live)) {
                        notices.accept("--fail-closed: killing pid " + pid);
                        try {
                            new JnaProcesses().kill(pid, Signal.SIGKILL);
                        } catch (IOException e) {
                            // already gone
                        }
                    }
                } else {
                    notices.accept("the supervised processes now run UNSUPERVISED");
                }
                if (rootGone) {
                    return false;
                }
            }
        }
    }

    void reportLosses(OutputAssembler out) {
        if (out.lost > 0) {
            notices.accept("bpftrace lost " + out.lost + " events in its kernel buffer: the record is incomplete");
        }
        if (out.compat > 0) {
            notices.accept(out.compat + " 32-bit syscalls (int 0x80 / x32) were made: no manifest can allow them,"
                    + " enforcement will treat each as a violation");
        }
        if (out.foreign > 0) {
            notices.accept(out.foreign + " output lines without the run's nonce were ignored");
        }
        if (out.malformed > 0) {
            notices.accept(out.malformed + " engine output lines could not be read (please report this)");
        }
    }
}
