/**
 * The agent gateway: a Netty TLS server speaking the agent protocol of {@code io.capgate.model.protocol}
 * ({@code docs/protocol.md}). {@link io.capgate.portal.gateway.GatewayServer} starts and stops it with the portal;
 * {@code GatewayChannelInitializer} shows each connection's pipeline top to bottom, and a session handler routes
 * messages to small handlers: enrollment (token and CSR, through {@link io.capgate.portal.agents.AgentEnrollment}),
 * HELLO and heartbeats. Streaming data goes to an {@link io.capgate.portal.gateway.AgentMessageSink}, which the
 * ingestion feature provides; assignment statuses are stored through
 * {@link io.capgate.portal.agents.AssignmentDistribution}. {@link io.capgate.portal.gateway.AssignmentPusher} sends
 * each agent its complete, signed ASSIGNMENTS when its session opens and after every committed change, to its
 * live session ({@link io.capgate.portal.gateway.LiveSessions}).
 *
 * <p>Keys and certificates (portal CA, server certificate, CSR checks) live in {@code gateway.pki};
 * {@link io.capgate.portal.gateway.ManifestSigner} signs manifests for agents.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"base", "agents"})
package io.capgate.portal.gateway;
