package io.capgate.portal.gateway;

import io.capgate.model.protocol.SequencedMessage;
import io.capgate.portal.agents.AgentIdentity;

/**
 * Where the gateway hands what it does not handle itself: OBSERVATION_BATCH, VIOLATION and DROP_REPORT (each a
 * {@link io.capgate.model.protocol.SequencedMessage}), plus the session's start and end. (ASSIGNMENT_STATUS and
 * ASSIGNMENTS are the gateway's own: {@link StatusHandler}, {@link AssignmentPusher}.) The ingestion feature implements this as a bean; without one the gateway uses
 * {@link UnsupportedMessageSink}.
 *
 * <p>All methods run on the gateway's database threads, never on an event loop, so they may block on the
 * database. Calls for one session come one at a time, in the order its frames arrived.
 */
public interface AgentMessageSink {

  /**
   * Stores a message from the agent and answers it, typically with an {@code ACK} of the stored sequence or
   * request id through {@link AgentSession#send}. A runtime exception is answered with {@code ERROR INTERNAL}.
   *
   */
  void accept(AgentSession session, SequencedMessage message);

  /**
   * The highest sequence up to which everything from the agent is stored, for {@code HELLO_ACK}; the agent
   * replays what follows. Called before the session opens.
   */
  default long lastStoredSequence(AgentIdentity agent) {
    return 0;
  }

  /** The session is open and HELLO_ACK was written ({@link AssignmentPusher} sends its ASSIGNMENTS). */
  default void sessionOpened(AgentSession session) {
  }

  /** The session's connection closed. */
  default void sessionClosed(AgentSession session) {
  }
}
