package io.capgate.model.protocol;

import java.util.Optional;

/** Why the portal ends a session with a {@link CloseNotice}; a {@code u8} wire id. */
public enum CloseReason {

    /** The agent's certificate was revoked: do not reconnect, enrol again. */
    REVOKED(1, false),
    /** The portal is shutting down or restarting. */
    SHUTTING_DOWN(2, true),
    /** A newer session of the same agent replaced this one. */
    REPLACED(3, true),
    /** Nothing was read from the agent within the idle timeout. */
    IDLE_TIMEOUT(4, true),
    /** The agent broke the protocol; an {@link ErrorReply} said how. */
    PROTOCOL_ERROR(5, true);

    private static final WireIds<CloseReason> IDS = WireIds.index(values(), CloseReason::id, 0xFF);

    private final int id;
    private final boolean mayReconnect;

    CloseReason(int id, boolean mayReconnect) {
        this.id = id;
        this.mayReconnect = mayReconnect;
    }

    public int id() {
        return id;
    }

    /** Whether the agent reconnects (with randomized, capped exponential backoff). */
    public boolean mayReconnect() {
        return mayReconnect;
    }

    public static Optional<CloseReason> byId(int id) {
        return IDS.find(id);
    }
}
