package io.capgate.agent.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

import io.capgate.agent.supervise.TraceRequest.Progress;

/** One status line on a terminal, redrawn in place: {@code tracing: 1200 syscalls/s, 14 modules}. */
final class ProgressLine implements Consumer<Progress> {

    private static final String CLEAR_TO_END = "\033[K";

    private final PrintWriter err;
    private boolean shown;

    ProgressLine(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void accept(Progress progress) {
        err.print("\r" + text(progress) + CLEAR_TO_END);
        err.flush();
        shown = true;
    }

    /** Removes the line, so what follows starts on a clean line. */
    synchronized void clear() {
        if (shown) {
            err.print("\r" + CLEAR_TO_END);
            err.flush();
            shown = false;
        }
    }

    static String text(Progress p) {
        return "tracing: " + p.syscallsPerSecond() + " syscalls/s, " + Inputs.count(p.modulesSeen(), "module")
                + (p.lostEvents() > 0 ? ", " + p.lostEvents() + " events lost" : "");
    }
}
