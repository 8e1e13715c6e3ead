package io.capgate.model.protocol;

import java.util.Optional;

/** Why a service or process is {@link ProtectionState#NOT_PROTECTED}; a {@code u8} wire id. */
public enum StatusReason {

    /** Only with {@link ProtectionState#PROTECTED}. */
    NONE(0),
    /** The process runs a Python the agent cannot trace (version or build without USDT probes). */
    UNSUPPORTED_INTERPRETER(1),
    /** bpftrace is missing, failed to start, or exited. */
    BPFTRACE_FAILED(2),
    /** The agent lacks the privileges to attach probes. */
    NOT_ROOT(3),
    /** The manifest's Ed25519 signature does not verify. */
    SIGNATURE_INVALID(4),
    /** The manifest was signed with a key id the agent does not trust. */
    UNKNOWN_SIGNING_KEY(5),
    /** No running process matches the service's process matcher. */
    NO_PROCESS(6),
    /** The manifest verified but could not be parsed or resolved for this host. */
    MANIFEST_INVALID(7),
    /** The kernel lacks a feature enforcement needs. */
    KERNEL_UNSUPPORTED(8),
    /** Anything else; the detail text says what. */
    INTERNAL(9);

    private static final WireIds<StatusReason> IDS = WireIds.index(values(), StatusReason::id, 0xFF);

    private final int id;

    StatusReason(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static Optional<StatusReason> byId(int id) {
        return IDS.find(id);
    }
}
