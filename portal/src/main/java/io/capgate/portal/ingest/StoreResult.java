package io.capgate.portal.ingest;

import io.capgate.portal.violations.ViolationReceived;
import java.util.List;

/**
 * What one flush stored.
 *
 * @param storedThrough the agent's high-water mark after the flush, for the cumulative ACK
 * @param refusals      records answered with an ERROR: a foreign service or a sequence gap
 * @param violations    events to publish now that the transaction committed
 */
record StoreResult(long storedThrough, List<Refusal> refusals, List<ViolationReceived> violations) {

  /** A record that was not stored, and why (sent to the agent as a non-fatal ERROR). */
  record Refusal(long requestId, long sequence, boolean consumed, String why) {}
}
