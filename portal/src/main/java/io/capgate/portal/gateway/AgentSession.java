package io.capgate.portal.gateway;

import io.capgate.model.protocol.AgentMessage;
import io.capgate.model.protocol.CloseReason;
import java.net.SocketAddress;

/** An open session with an authenticated agent (after HELLO_ACK). Methods may be called from any thread. */
public interface AgentSession {

  String agentId();

  long organizationId();

  long projectId();

  /** The protocol version negotiated in HELLO_ACK, written in every frame of this session. */
  int protocolVersion();

  SocketAddress remoteAddress();

  /** A fresh request id for a frame the portal originates (ASSIGNMENTS, CLOSE_NOTICE). */
  long nextRequestId();

  /** Writes a message to the agent; replies carry the request id of the frame they answer. */
  void send(AgentMessage message);

  /** Sends CLOSE_NOTICE with the reason and closes the connection. */
  void close(CloseReason reason, String message);

  /** Whether the connection is still open. */
  boolean isOpen();
}
