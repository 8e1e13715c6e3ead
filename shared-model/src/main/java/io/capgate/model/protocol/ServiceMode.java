package io.capgate.model.protocol;

import java.util.Optional;

/** What the agent does when a supervised service violates its manifest; a {@code u8} wire id. */
public enum ServiceMode {

    /** Record what the service does, enforce nothing: the learning mode. */
    OBSERVE(1),
    /** Report violations, let the process continue. */
    ALERT(2),
    /** Report violations and stop the offending process ({@code SIGSTOP}) for inspection. */
    STOP(3),
    /** Report violations and kill the offending process ({@code SIGKILL}). */
    KILL(4);

    private static final WireIds<ServiceMode> IDS = WireIds.index(values(), ServiceMode::id, 0xFF);

    private final int id;

    ServiceMode(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static Optional<ServiceMode> byId(int id) {
        return IDS.find(id);
    }
}
