package io.capgate.model.protocol;

import java.util.List;
import java.util.Optional;

/**
 * What a service's module did, aggregated over a time window: one syscall (or exec of one program) and how often.
 *
 * <p>Wire: {@code string serviceId, string module, string syscall, optional<string> program, i64 count,
 * i64 firstSeenMillis, i64 lastSeenMillis, list<StackFrame> sampleStack}.
 *
 * @param serviceId       the assigned service
 * @param module          the Python module, or a pseudo module such as {@code <interpreter>}
 * @param syscall         the syscall's name, with a variant suffix such as {@code openat:write}
 * @param program         the executed program's path, for exec syscalls
 * @param count           how often, at least 1
 * @param firstSeenMillis when first seen, epoch milliseconds
 * @param lastSeenMillis  when last seen, not before {@code firstSeenMillis}
 * @param sampleStack     one Python stack seen, innermost first, possibly empty
 */
public record ObservationEntry(String serviceId, String module, String syscall, Optional<String> program,
                               long count, long firstSeenMillis, long lastSeenMillis, List<StackFrame> sampleStack) {

    public ObservationEntry {
        Checks.id(serviceId, "serviceId");
        Checks.nonBlank(module, "module", Limits.MAX_NAME_BYTES);
        Checks.nonBlank(syscall, "syscall", Limits.MAX_NAME_BYTES);
        Checks.optionalText(program, "program", Limits.MAX_PATH_BYTES);
        Checks.atLeast(count, 1, "count");
        Checks.epochMillis(firstSeenMillis, "firstSeenMillis");
        Checks.epochMillis(lastSeenMillis, "lastSeenMillis");
        Checks.ordered(firstSeenMillis, lastSeenMillis, "firstSeenMillis", "lastSeenMillis");
        sampleStack = Checks.list(sampleStack, "sampleStack", 0, Limits.MAX_STACK_FRAMES);
    }
}
