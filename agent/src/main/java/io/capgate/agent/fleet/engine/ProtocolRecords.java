package io.capgate.agent.fleet.engine;

import io.capgate.agent.supervise.ObservationWindow;
import io.capgate.model.protocol.Limits;
import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.StackFrame;
import io.capgate.model.protocol.Violation;
import io.capgate.model.protocol.ViolationAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's records in protocol form. Every string that the supervised process can influence (modules named from
 * its paths, file and function names, executed programs) is clipped to the protocol's limit, so an absurdly long
 * name shortens a report instead of suppressing it.
 */
final class ProtocolRecords {

    /** Placeholders the spool replaces (see {@code EngineOutput#violation}). */
    static final long REQUEST_ID = 0;
    static final long SEQUENCE = 1;
    private static final String UNKNOWN = "?";

    private ProtocolRecords() {
    }

    /** One violation as the portal receives it. */
    static Violation violation(String serviceId, io.capgate.agent.supervise.Violation v) {
        boolean compat = "compat".equals(v.kind());
        return new Violation(REQUEST_ID, SEQUENCE, serviceId, v.pid(), v.tid(), Instant.parse(v.time()).toEpochMilli(),
                name(v.module()), name(v.syscall()), compat ? 0 : Math.max(0, v.number()), action(v.action()),
                stack(v.stack()), detail(v));
    }

    /** One observation window as entries of the service. */
    static List<ObservationEntry> observations(String serviceId, ObservationWindow window) {
        long first = window.start().toEpochMilli();
        long last = Math.max(first, window.end().toEpochMilli());
        List<ObservationEntry> entries = new ArrayList<>();
        for (ObservationWindow.Observation o : window.observations()) {
            Optional<String> program = Optional.ofNullable(o.program()).map(p -> Limits.clip(p, Limits.MAX_PATH_BYTES))
                    .filter(p -> !p.isBlank());
            entries.add(new ObservationEntry(serviceId, name(o.module()), name(o.syscall()), program, o.count(), first,
                    last, stack(o.sample())));
        }
        return entries;
    }

    /** Frames innermost first, at most the protocol's maximum. */
    static List<StackFrame> stack(List<io.capgate.agent.supervise.Violation.Frame> frames) {
        List<StackFrame> stack = new ArrayList<>();
        for (io.capgate.agent.supervise.Violation.Frame f : frames) {
            if (stack.size() == Limits.MAX_STACK_FRAMES) {
                break;
            }
            int line = f.line() > 0 ? f.line() : Math.max(0, f.firstLine());
            stack.add(new StackFrame(nonBlank(f.file(), Limits.MAX_PATH_BYTES), nonBlank(f.function(),
                    Limits.MAX_NAME_BYTES), line));
        }
        return stack;
    }

    static ViolationAction action(String word) {
        return switch (word) {
            case "log" -> ViolationAction.ALERTED;
            case "stop" -> ViolationAction.STOPPED;
            case "kill" -> ViolationAction.KILLED;
            default -> ViolationAction.RECORDED;
        };
    }

    private static String detail(io.capgate.agent.supervise.Violation v) {
        String detail = switch (v.kind()) {
            case "exec" -> v.program() == null ? "executed a program" : "executed " + v.program();
            case "compat" -> "a 32-bit (int 0x80 / x32) syscall: no manifest can allow it";
            case "floor" -> "refused by the seccomp floor";
            default -> "";
        };
        return Limits.clip(detail, Limits.MAX_TEXT_BYTES);
    }

    private static String name(String value) {
        return nonBlank(value, Limits.MAX_NAME_BYTES);
    }

    private static String nonBlank(String value, int max) {
        String clipped = value == null ? "" : Limits.clip(value, max);
        return clipped.isBlank() ? UNKNOWN : clipped;
    }
}
