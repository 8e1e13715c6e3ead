package io.capgate.model.protocol;

/**
 * The agent's first frame on an authenticated (mutual TLS) connection.
 *
 * <p>Wire: {@code u8 minVersion, u8 maxVersion, string agentId, string agentVersion, HostFacts host}. The portal
 * answers with {@link HelloAck} or an {@link ErrorReply} ({@link ErrorCode#UNSUPPORTED_VERSION},
 * {@link ErrorCode#UNAUTHORIZED} when {@code agentId} is not the one in the client certificate).
 *
 * @param requestId    see {@link AgentMessage#requestId()}
 * @param minVersion   the oldest protocol version the agent speaks, {@code 1..255}
 * @param maxVersion   the newest, at least {@code minVersion}
 * @param agentId      the id the portal issued at enrollment
 * @param agentVersion the agent software's version
 * @param host         facts about the host
 */
public record Hello(long requestId, int minVersion, int maxVersion, String agentId, String agentVersion,
                    HostFacts host) implements AgentMessage {

    public Hello {
        ProtocolVersion.checkRange(minVersion, maxVersion, "offered");
        Checks.id(agentId, "agentId");
        Checks.nonBlank(agentVersion, "agentVersion", Limits.MAX_NAME_BYTES);
        Checks.notNull(host, "host");
    }

    @Override
    public MessageType type() {
        return MessageType.HELLO;
    }
}
