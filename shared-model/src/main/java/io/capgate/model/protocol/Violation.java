package io.capgate.model.protocol;

import java.util.List;

/**
 * A supervised process made a syscall its manifest does not allow.
 *
 * <p>Wire: {@code i64 sequence, string serviceId, i32 pid, i32 tid, i64 timeMillis, string module,
 * string syscall, i32 syscallNumber, u8 action, list<StackFrame> stack, string detail}.
 *
 * @param requestId     a fresh id from the agent
 * @param sequence      see {@link SequencedMessage}
 * @param serviceId     the assigned service
 * @param pid           the process, at least 1
 * @param tid           the thread, at least 1
 * @param timeMillis    when, epoch milliseconds
 * @param module        the Python module the syscall is attributed to
 * @param syscall       the syscall's name, with a variant suffix such as {@code openat:write}
 * @param syscallNumber the kernel's syscall number on the host's architecture
 * @param action        what the agent did about it
 * @param stack         the Python stack, innermost first, possibly empty
 * @param detail        host-side detail (arguments, executed program, why an action failed), possibly empty
 */
public record Violation(long requestId, long sequence, String serviceId, int pid, int tid, long timeMillis,
                        String module, String syscall, int syscallNumber, ViolationAction action,
                        List<StackFrame> stack, String detail) implements SequencedMessage {

    public Violation {
        Checks.atLeast(sequence, 1, "sequence");
        Checks.id(serviceId, "serviceId");
        Checks.atLeast(pid, 1, "pid");
        Checks.atLeast(tid, 1, "tid");
        Checks.epochMillis(timeMillis, "timeMillis");
        Checks.nonBlank(module, "module", Limits.MAX_NAME_BYTES);
        Checks.nonBlank(syscall, "syscall", Limits.MAX_NAME_BYTES);
        Checks.atLeast(syscallNumber, 0, "syscallNumber");
        Checks.notNull(action, "action");
        stack = Checks.list(stack, "stack", 0, Limits.MAX_STACK_FRAMES);
        Checks.text(detail, "detail", Limits.MAX_TEXT_BYTES);
    }

    @Override
    public MessageType type() {
        return MessageType.VIOLATION;
    }
}
