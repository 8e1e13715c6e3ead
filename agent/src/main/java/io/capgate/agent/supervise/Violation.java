package io.capgate.agent.supervise;

import java.util.List;

/**
 * One syscall or exec outside the manifest, as reported by the kernel side.
 *
 * @param time      ISO-8601 instant
 * @param pid       process id
 * @param tid       thread id
 * @param module    the module charged
 * @param kind      {@code syscall}, {@code exec} or {@code compat}
 * @param syscall   syscall full name ({@code openat:write}); for exec, {@code execve}
 * @param number    kernel syscall number, -1 when not applicable
 * @param program   for exec violations the program path, else null
 * @param action    {@code log}, {@code stop} or {@code kill}
 * @param stack     Python frames, innermost first, at most 16
 */
public record Violation(String time, int pid, int tid, String module, String kind, String syscall, int number,
                        String program, String action, List<Frame> stack) {

    public Violation {
        stack = List.copyOf(stack);
    }

    /** One Python frame: file, function, the function's first line and the current line when known (else 0). */
    public record Frame(String file, String function, int firstLine, int line) {
    }

    /** The one-line form printed to stderr. */
    public String oneLine() {
        String where = stack.isEmpty() ? "" : " at " + stack.get(0).file() + ":" + stack.get(0).function()
                + ":" + (stack.get(0).line() > 0 ? stack.get(0).line() : stack.get(0).firstLine());
        String what = program != null ? "exec " + program : syscall + (number >= 0 ? " (" + number + ")" : "");
        return "capgate: violation: module " + module + " made " + what + " [pid " + pid + " tid " + tid
                + "] -> " + action + where;
    }
}
