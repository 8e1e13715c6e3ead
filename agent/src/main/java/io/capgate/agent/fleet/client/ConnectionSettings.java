package io.capgate.agent.fleet.client;

import io.capgate.model.protocol.Heartbeat;
import io.capgate.model.protocol.HostFacts;
import java.time.Duration;

/**
 * How an agent connects to its portal.
 *
 * @param host              the portal's host (its certificate must name it)
 * @param port              the portal's agent port
 * @param agentId           the id from enrollment
 * @param agentVersion      this agent's software version, for HELLO
 * @param hostFacts         facts about this host, for HELLO
 * @param heartbeat         how long without writing before a HEARTBEAT, until HELLO_ACK says otherwise
 * @param readIdle          how long without reading before the connection is given up
 * @param backoffInitial    the cap of the first reconnect wait
 * @param backoffMax        the cap of every reconnect wait
 * @param window            how many sequenced records may be unacknowledged at once
 * @param poll              how often the spool is checked for new records
 * @param dropCheckInterval how often counted drops are turned into a DROP_REPORT
 */
public record ConnectionSettings(String host, int port, String agentId, String agentVersion, HostFacts hostFacts,
                                 Duration heartbeat, Duration readIdle, Duration backoffInitial,
                                 Duration backoffMax, int window, Duration poll, Duration dropCheckInterval) {

    public ConnectionSettings {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, got " + window);
        }
        if (readIdle.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("the read idle timeout (" + readIdle
                    + ") must be longer than the heartbeat interval (" + heartbeat + ")");
        }
    }

    /** The protocol's defaults: heartbeat 10 s, read idle 30 s, backoff 1 s up to 5 min, 256 in flight. */
    public static ConnectionSettings defaults(String host, int port, String agentId, String agentVersion,
                                              HostFacts hostFacts) {
        return new ConnectionSettings(host, port, agentId, agentVersion, hostFacts, Heartbeat.DEFAULT_INTERVAL,
                Heartbeat.READ_IDLE_TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(5), 256,
                Duration.ofMillis(100), Duration.ofSeconds(10));
    }
}
