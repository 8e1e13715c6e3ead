package io.capgate.portal.gateway;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs at most one line per remote address per period, so a broken or hostile peer cannot flood the log by
 * reconnecting and sending garbage. The address is the host without the port: every reconnect has a new port.
 */
final class RateLimitedLog {

  /** Beyond this many tracked addresses the oldest are forgotten, so the map cannot grow without bound. */
  static final int MAX_TRACKED = 10_000;

  private final Logger log;
  private final Clock clock;
  private final Duration period;
  private final ConcurrentHashMap<String, Instant> lastLogged = new ConcurrentHashMap<>();

  RateLimitedLog(Logger log, Clock clock, Duration period) {
    this.log = log;
    this.clock = clock;
    this.period = period;
  }

  /** Logs a warning about the peer unless one was logged for its address within the period. */
  void warn(SocketAddress remote, String message, Object... arguments) {
    if (permit(remote)) {
      log.warn("Agent connection from " + host(remote) + ": " + message, arguments);
    }
  }

  /** Whether a line about this peer may be logged now; records it if so. */
  boolean permit(SocketAddress remote) {
    Instant now = clock.instant();
    String key = host(remote);
    boolean[] permitted = {false};
    lastLogged.compute(key, (k, last) -> {
      if (last == null || !now.isBefore(last.plus(period))) {
        permitted[0] = true;
        return now;
      }
      return last;
    });
    if (permitted[0] && lastLogged.size() > MAX_TRACKED) {
      lastLogged.entrySet().removeIf(e -> now.isAfter(e.getValue().plus(period)));
      if (lastLogged.size() > MAX_TRACKED) {
        lastLogged.clear();
      }
    }
    return permitted[0];
  }

  /** Addresses currently remembered. */
  int tracked() {
    return lastLogged.size();
  }

  private static String host(SocketAddress remote) {
    if (remote instanceof InetSocketAddress inet) {
      return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
    }
    return String.valueOf(remote);
  }
}
