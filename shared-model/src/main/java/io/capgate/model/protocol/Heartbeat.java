package io.capgate.model.protocol;

import java.time.Duration;

/**
 * Liveness, in both directions. The agent sends one every {@link HelloAck#heartbeatInterval()}; the portal
 * answers each with a Heartbeat carrying the same request id. Each side closes the connection after
 * {@link #READ_IDLE_TIMEOUT} without reading any frame (any frame counts, not only heartbeats).
 *
 * <p>Wire: {@code i64 sentAtMillis}.
 *
 * @param requestId    a fresh id from the agent; the portal's answer echoes it
 * @param sentAtMillis the sender's clock, epoch milliseconds, for round-trip and skew measurements
 */
public record Heartbeat(long requestId, long sentAtMillis) implements AgentMessage {

    /** The heartbeat interval a portal offers unless configured otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** Read idle time after which either side closes: three missed heartbeats. */
    public static final Duration READ_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public Heartbeat {
        Checks.epochMillis(sentAtMillis, "sentAtMillis");
    }

    @Override
    public MessageType type() {
        return MessageType.HEARTBEAT;
    }
}
