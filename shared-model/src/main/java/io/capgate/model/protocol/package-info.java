/**
 * The agent&lt;-&gt;portal wire protocol: message records and the Netty codecs both sides use.
 *
 * <ul>
 *   <li>{@link io.capgate.model.protocol.AgentMessage}: the sealed hierarchy of message records, one per
 *       {@link io.capgate.model.protocol.MessageType}; constructors enforce the
 *       {@link io.capgate.model.protocol.Limits}.</li>
 *   <li>{@link io.capgate.model.protocol.Framing}: the 4-byte length prefix and the frame header constants;
 *       {@link io.capgate.model.protocol.ProtocolVersion}: version negotiation.</li>
 *   <li>{@link io.capgate.model.protocol.MessageDecoder} and {@link io.capgate.model.protocol.MessageEncoder}:
 *       frame to message and back, with hand-written per-feature body readers and writers over
 *       {@code WireReader} and {@code WireWriter}. Decoding failures are
 *       {@link io.capgate.model.protocol.ProtocolDecodeException}s carrying the request id and the
 *       {@link io.capgate.model.protocol.ErrorCode} to answer with.</li>
 * </ul>
 *
 * <p>Every enum that travels has explicit wire ids looked up through a table that fails on duplicates; nothing
 * uses {@code ordinal()}, reflection or Java serialization. The specification is {@code docs/protocol.md}.
 */
package io.capgate.model.protocol;
