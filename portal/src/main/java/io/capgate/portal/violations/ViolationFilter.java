package io.capgate.portal.violations;

import java.time.Instant;

/**
 * Which violations to list; every part is optional (null).
 *
 * @param from inclusive
 * @param to   exclusive
 */
public record ViolationFilter(Long serviceId, String agentId, Instant from, Instant to, String module) {

  public static ViolationFilter all() {
    return new ViolationFilter(null, null, null, null, null);
  }

  public static ViolationFilter ofService(long serviceId) {
    return new ViolationFilter(serviceId, null, null, null, null);
  }
}
