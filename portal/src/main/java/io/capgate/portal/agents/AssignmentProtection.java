package io.capgate.portal.agents;

/** One word for an assignment's protection, summarising the per-process reports. */
public enum AssignmentProtection {
  /** The agent has not reported on the service since it was assigned. */
  UNKNOWN,
  /** Every reported process is protected. */
  PROTECTED,
  /** At least one process, or the service as a whole, is not protected. */
  NOT_PROTECTED
}
