package io.capgate.portal.gateway;

import io.capgate.model.protocol.Heartbeat;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code capgate.gateway.*}: the agent gateway, a TLS server for the agent protocol.
 *
 * @param enabled start the gateway with the portal
 * @param port TCP port; 0 picks a free one (tests), see {@link GatewayServer#port()}
 * @param bindAddress address to listen on
 * @param serverNames extra DNS names and IP addresses for the portal's own server certificate, besides
 *     localhost, 127.0.0.1 and this host's name
 * @param publicHost host written into enrollment tokens; default the first server name, else this host's name
 * @param publicPort port written into enrollment tokens; 0 means the port the gateway listens on
 * @param tls an operator-provided server certificate, instead of one from the portal CA
 * @param heartbeatInterval how often agents send heartbeats (told in HELLO_ACK)
 * @param readIdleTimeout a connection without any frame for this long is closed
 * @param workerThreads Netty event loop threads; they never block, so few are enough
 * @param databaseThreads threads for the database work of connections
 * @param databaseQueue database tasks that may wait; beyond that connections are told to retry later
 * @param lastSeenFlushInterval how long heartbeats are collected before their times are written in one batch
 */
@ConfigurationProperties("capgate.gateway")
@Validated
public record GatewayProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("8443") @Min(0) @Max(65535) int port,
    @DefaultValue("0.0.0.0") @NotNull String bindAddress,
    @DefaultValue({}) List<String> serverNames,
    String publicHost,
    @DefaultValue("0") @Min(0) @Max(65535) int publicPort,
    @DefaultValue @Valid Tls tls,
    @DefaultValue("10s") Duration heartbeatInterval,
    @DefaultValue("30s") Duration readIdleTimeout,
    @DefaultValue("2") @Min(1) @Max(64) int workerThreads,
    @DefaultValue("4") @Min(1) @Max(64) int databaseThreads,
    @DefaultValue("1024") @Min(1) int databaseQueue,
    @DefaultValue("5s") Duration lastSeenFlushInterval) {

  public GatewayProperties {
    serverNames = serverNames == null ? List.of() : List.copyOf(serverNames);
    requirePositive(heartbeatInterval, "heartbeat-interval");
    requirePositive(readIdleTimeout, "read-idle-timeout");
    requirePositive(lastSeenFlushInterval, "last-seen-flush-interval");
    if (readIdleTimeout.compareTo(heartbeatInterval) <= 0) {
      throw new IllegalArgumentException("capgate.gateway.read-idle-timeout (" + readIdleTimeout
          + ") must be longer than the heartbeat interval (" + heartbeatInterval + "); the protocol default is "
          + Heartbeat.READ_IDLE_TIMEOUT);
    }
  }

  /**
   * PEM files of an operator-provided server identity; all three or none.
   *
   * @param certificate the server certificate, optionally followed by intermediates
   * @param privateKey its unencrypted private key
   * @param caCertificate the CA that issued it, which agents pin through enrollment tokens
   */
  public record Tls(Path certificate, Path privateKey, Path caCertificate) {}

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("capgate.gateway." + name + " must be positive, got " + value);
    }
  }
}
