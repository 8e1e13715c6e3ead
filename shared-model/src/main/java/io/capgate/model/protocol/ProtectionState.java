package io.capgate.model.protocol;

import java.util.Optional;

/** Whether the agent enforces a service's manifest on a process; a {@code u8} wire id. */
public enum ProtectionState {

    /** The manifest is verified and its probes are attached to the process. */
    PROTECTED(1),
    /** The agent could not protect it; {@link StatusReason} says why. */
    NOT_PROTECTED(2);

    private static final WireIds<ProtectionState> IDS = WireIds.index(values(), ProtectionState::id, 0xFF);

    private final int id;

    ProtectionState(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static Optional<ProtectionState> byId(int id) {
        return IDS.find(id);
    }
}
