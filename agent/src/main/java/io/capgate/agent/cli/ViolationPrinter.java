package io.capgate.agent.cli;

import io.capgate.agent.supervise.Violation;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Prints each distinct violation (module, kind, syscall, program) once to stderr and counts repeats, so a
 * program looping on a forbidden call in log mode cannot drown the terminal; the JSON lines file keeps
 * every record.
 */
final class ViolationPrinter implements Consumer<Violation> {

    private final PrintWriter err;
    private final Set<String> seen = new HashSet<>();
    private long total;
    private long repeats;

    ViolationPrinter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void accept(Violation v) {
        synchronized (err) {
            total++;
            if (seen.add(v.module() + "\0" + v.kind() + "\0" + v.syscall() + "\0" + Objects.toString(v.program()))) {
                err.println(v.oneLine());
            } else {
                repeats++;
            }
            err.flush();
        }
    }

    long total() {
        synchronized (err) {
            return total;
        }
    }

    /** The closing line, or nothing when there was no violation. */
    void summary(String where) {
        synchronized (err) {
            if (total == 0) {
                return;
            }
            err.println("capgate: " + Inputs.count(total, "violation") + " reported"
                    + (repeats > 0 ? " (" + repeats + " repeating one already shown)" : "")
                    + (where != null ? "; all of them in " + where : ""));
            err.flush();
        }
    }
}
