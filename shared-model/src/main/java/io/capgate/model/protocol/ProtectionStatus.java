package io.capgate.model.protocol;

/**
 * Whether one assigned service, or one of its processes, is protected.
 *
 * <p>Wire: {@code string serviceId, i32 pid, u8 state, u8 reason, string detail}.
 *
 * @param serviceId the assigned service
 * @param pid       the process, or 0 for the service as a whole (for example {@link StatusReason#NO_PROCESS} or
 *                  {@link StatusReason#SIGNATURE_INVALID})
 * @param state     protected or not
 * @param reason    {@link StatusReason#NONE} exactly when {@code state} is {@link ProtectionState#PROTECTED}
 * @param detail    host-side detail for operators (bpftrace's error line, ...), possibly empty
 */
public record ProtectionStatus(String serviceId, int pid, ProtectionState state, StatusReason reason,
                               String detail) {

    public ProtectionStatus {
        Checks.id(serviceId, "serviceId");
        Checks.atLeast(pid, 0, "pid");
        Checks.notNull(state, "state");
        Checks.notNull(reason, "reason");
        if ((state == ProtectionState.PROTECTED) != (reason == StatusReason.NONE)) {
            throw new IllegalArgumentException("reason must be NONE exactly when state is PROTECTED, got "
                    + state + " with " + reason);
        }
        Checks.text(detail, "detail", Limits.MAX_TEXT_BYTES);
    }
}
