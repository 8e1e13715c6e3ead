package io.capgate.agent.supervise;

import java.time.Instant;
import java.util.List;

/**
 * What a traced process tree did between two flushes of the engine's counts.
 *
 * @param start        the end of the previous window (or the moment the engine attached)
 * @param end          when the engine flushed these counts
 * @param observations one entry per module and syscall (and per executed program), counts of this window only
 */
public record ObservationWindow(Instant start, Instant end, List<Observation> observations) {

    public ObservationWindow {
        observations = List.copyOf(observations);
    }

    /**
     * One module's use of one syscall, or its executions of one program, in the window.
     *
     * @param module  the module charged
     * @param syscall the syscall's full name ({@code openat:write}); {@code execve} for an executed program
     * @param program for executions, the program (as {@code trace} records it), else null
     * @param count   how often in this window, at least 1
     * @param sample  the Python stack (innermost first) of the first such call in the session: given in the first
     *                window that reports the pair, empty in later ones and when the engine had no stack
     */
    public record Observation(String module, String syscall, String program, long count,
                              List<Violation.Frame> sample) {

        public Observation {
            sample = List.copyOf(sample);
        }
    }
}
