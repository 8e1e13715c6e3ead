package io.capgate.model.protocol;

import java.time.Duration;

/**
 * The portal's answer to {@link Hello}: the session is open.
 *
 * <p>Wire: {@code u8 version, u32 heartbeatIntervalMillis, i64 serverTimeMillis, i64 lastStoredSequence}.
 *
 * @param requestId          the Hello's request id
 * @param version            the negotiated protocol version both sides use from now on
 * @param heartbeatInterval  how often the agent sends a {@link Heartbeat}; whole milliseconds, 1 ms to 1 hour
 * @param serverTimeMillis   the portal's clock, epoch milliseconds, so the agent can log its skew
 * @param lastStoredSequence the highest sequence up to which the portal stored everything from this agent
 *                           (0: nothing yet); the agent replays all {@link SequencedMessage}s after it
 */
public record HelloAck(long requestId, int version, Duration heartbeatInterval, long serverTimeMillis,
                       long lastStoredSequence) implements AgentMessage {

    static final Duration MAX_HEARTBEAT_INTERVAL = Duration.ofHours(1);

    public HelloAck {
        ProtocolVersion.checkRange(version, version, "chosen");
        Checks.notNull(heartbeatInterval, "heartbeatInterval");
        if (heartbeatInterval.compareTo(Duration.ofMillis(1)) < 0
                || heartbeatInterval.compareTo(MAX_HEARTBEAT_INTERVAL) > 0
                || heartbeatInterval.toNanosPart() % 1_000_000 != 0) {
            throw new IllegalArgumentException("heartbeatInterval must be whole milliseconds from 1 ms to "
                    + MAX_HEARTBEAT_INTERVAL + ", got " + heartbeatInterval);
        }
        Checks.epochMillis(serverTimeMillis, "serverTimeMillis");
        Checks.atLeast(lastStoredSequence, 0, "lastStoredSequence");
    }

    @Override
    public MessageType type() {
        return MessageType.HELLO_ACK;
    }
}
