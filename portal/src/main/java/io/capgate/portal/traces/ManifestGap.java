package io.capgate.portal.traces;

import java.util.List;

/**
 * Observed behaviour against a manifest, both ways.
 *
 * @param notAllowed    what modules did that the manifest does not allow (what enforcement would flag)
 * @param neverObserved what the manifest allows that nothing used in the range (candidates to tighten)
 */
public record ManifestGap(List<NotAllowed> notAllowed, List<NeverObserved> neverObserved) {

  public ManifestGap {
    notAllowed = List.copyOf(notAllowed);
    neverObserved = List.copyOf(neverObserved);
  }

  /** Whether anything not allowed would need a closer look. */
  public boolean risky() {
    return notAllowed.stream().anyMatch(NotAllowed::risky);
  }

  /**
   * An observed syscall or program the manifest does not allow.
   *
   * @param kind  {@code syscall} or {@code exec}
   * @param group the capability group the syscall belongs to, "" when none (or for exec)
   * @param risky the group is risky, the syscall is unknown to the catalog, or it is an exec
   */
  public record NotAllowed(String module, String kind, String name, long count, String group, boolean risky) {}

  /**
   * An allowed entry nothing used.
   *
   * @param module the module, or {@code (defaults)} for what every module gets
   * @param kind   {@code capability}, {@code syscall} or {@code exec}
   */
  public record NeverObserved(String module, String kind, String name) {}
}
