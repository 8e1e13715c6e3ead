package io.capgate.portal.violations;

import java.time.Instant;

/**
 * Which violations to list; every part is optional (null).
 *
 * @param serviceId  one service
 * @param agentId    one reporting agent
 * @param from       inclusive
 * @param to         exclusive
 * @param module     the module exactly
 * @param projectId  services of one project
 * @param action     what the agent did ({@code ALERTED}, {@code KILLED}, ...; a protocol {@code ViolationAction} name)
 * @param moduleText part of the module name, case-insensitive (what a person types in a filter)
 */
public record ViolationFilter(Long serviceId, String agentId, Instant from, Instant to, String module,
    Long projectId, String action, String moduleText) {

  public ViolationFilter {
    moduleText = moduleText == null || moduleText.isBlank() ? null : moduleText.strip();
  }

  /** A filter without project, action and module text (the ingestion tests' shape). */
  public ViolationFilter(Long serviceId, String agentId, Instant from, Instant to, String module) {
    this(serviceId, agentId, from, to, module, null, null, null);
  }

  public static ViolationFilter all() {
    return new ViolationFilter(null, null, null, null, null);
  }

  public static ViolationFilter ofService(long serviceId) {
    return new ViolationFilter(serviceId, null, null, null, null);
  }

  /**
   * Whether a just-received violation can be in this filter's result, judged without the database (so a live view
   * skips re-reading for violations it would not show). The project is not known from the event, so it is not
   * judged here; the database query still applies it.
   */
  public boolean mayMatch(ViolationReceived violation) {
    return (serviceId == null || serviceId == violation.serviceId())
        && (agentId == null || agentId.equals(violation.agentId()))
        && (from == null || !violation.at().isBefore(from))
        && (to == null || violation.at().isBefore(to))
        && (module == null || module.equals(violation.module()))
        && (action == null || action.equals(violation.action()))
        && (moduleText == null || violation.module().toLowerCase(java.util.Locale.ROOT)
            .contains(moduleText.toLowerCase(java.util.Locale.ROOT)));
  }
}
