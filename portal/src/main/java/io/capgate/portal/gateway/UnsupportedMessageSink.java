package io.capgate.portal.gateway;

import io.capgate.model.protocol.SequencedMessage;
import io.capgate.model.protocol.ErrorCode;
import io.capgate.model.protocol.ErrorReply;

/**
 * The sink until ingestion exists (the next step of the agent fleet work): it stores nothing and answers each
 * streaming message with a non-fatal {@code ERROR UNSUPPORTED_TYPE}, so agents keep their
 * data spooled and the session goes on. Reports the last stored sequence as 0.
 */
final class UnsupportedMessageSink implements AgentMessageSink {

  @Override
  public void accept(AgentSession session, SequencedMessage message) {
    session.send(ErrorReply.of(message.requestId(), ErrorCode.UNSUPPORTED_TYPE,
        message.type() + " is not stored by this portal yet"));
  }
}
