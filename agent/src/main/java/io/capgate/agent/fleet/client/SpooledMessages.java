package io.capgate.agent.fleet.client;

import io.capgate.agent.fleet.spool.SpoolRecord;
import io.capgate.model.protocol.AgentMessage;
import io.capgate.model.protocol.DropReport;
import io.capgate.model.protocol.MessageDecoder;
import io.capgate.model.protocol.MessageEncoder;
import io.capgate.model.protocol.MessageType;
import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.SequencedMessage;
import io.capgate.model.protocol.Violation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Optional;

/**
 * What a spool record holds: one {@link SequencedMessage} encoded as a frame (header and body, no length prefix)
 * by the shared {@link MessageEncoder}. The producer does not know the sequence before {@code Spool.append}
 * assigns it, so the record is encoded with the placeholder sequence 1 and request id 0; when the record is sent,
 * {@link #frame} writes the spool's sequence and the connection's request id over them in place:
 *
 * <pre>
 * offset 0: version (u8) | 1: type id (u16) | 3: request id (u64) | 11: sequence (i64, first field of every
 * sequenced body) | 19: rest of the body
 * </pre>
 *
 * The body is not decoded again: the spool's CRC32C vouches that the bytes are the ones the encoder wrote, and the
 * portal's decoder checks every frame. (Decoding and re-encoding each record was most of the agent's sending cost.)
 * A record that does not have this header, or was written in another protocol version than the session's, goes
 * through {@link #toWire}, which decodes it.
 */
public final class SpooledMessages {

    /** The sequence written into a record before the spool assigns the real one. */
    public static final long PLACEHOLDER_SEQUENCE = 1;
    private static final int REQUEST_ID_OFFSET = 3;
    private static final int SEQUENCE_OFFSET = 11;

    private SpooledMessages() {
    }

    /** The payload to {@code Spool.append} for {@code message} (its sequence and request id are ignored). */
    public static byte[] encode(SequencedMessage message) {
        SequencedMessage placeholders = message.requestId() == 0 && message.sequence() == PLACEHOLDER_SEQUENCE
                ? message : withSequence(message, PLACEHOLDER_SEQUENCE, 0);
        return MessageEncoder.frameBytes(placeholders); // not through an EmbeddedChannel: that was a fifth of the cost
    }

    /**
     * The frame of a spool record for a session speaking {@code version}: the record's bytes with its sequence and
     * {@code requestId} written over the placeholders. Empty when the record is not a spooled sequenced message
     * of that version (with the placeholders in place); {@link #toWire} then decodes it.
     */
    public static Optional<ByteBuf> frame(SpoolRecord record, long requestId, int version) {
        byte[] bytes = record.payload(); // a copy of the record's: ours to write into
        if (bytes.length < SEQUENCE_OFFSET + Long.BYTES || bytes[0] != version) {
            return Optional.empty();
        }
        ByteBuf frame = Unpooled.wrappedBuffer(bytes);
        int type = frame.getUnsignedShort(1);
        boolean sequenced = type == MessageType.OBSERVATION_BATCH.id() || type == MessageType.VIOLATION.id()
                || type == MessageType.DROP_REPORT.id();
        if (!sequenced || frame.getLong(REQUEST_ID_OFFSET) != 0
                || frame.getLong(SEQUENCE_OFFSET) != PLACEHOLDER_SEQUENCE) {
            return Optional.empty();
        }
        frame.setLong(REQUEST_ID_OFFSET, requestId);
        frame.setLong(SEQUENCE_OFFSET, record.sequence());
        return Optional.of(frame);
    }

    /**
     * The message of a spool record, with the record's sequence and {@code requestId}.
     *
     * @throws IllegalArgumentException when the record does not hold a sequenced message
     */
    public static SequencedMessage toWire(SpoolRecord record, long requestId) {
        AgentMessage decoded = MessageDecoder.decode(Unpooled.wrappedBuffer(record.payload()));
        if (!(decoded instanceof SequencedMessage message)) {
            throw new IllegalArgumentException("spool record " + record.sequence() + " holds a " + decoded.type()
                    + ", not an observation batch, violation or drop report");
        }
        return withSequence(message, record.sequence(), requestId);
    }

    static SequencedMessage withSequence(SequencedMessage m, long sequence, long requestId) {
        return switch (m) {
            case ObservationBatch b -> new ObservationBatch(requestId, sequence, b.entries());
            case Violation v -> new Violation(requestId, sequence, v.serviceId(), v.pid(), v.tid(), v.timeMillis(),
                    v.module(), v.syscall(), v.syscallNumber(), v.action(), v.stack(), v.detail());
            case DropReport d -> new DropReport(requestId, sequence, d.fromMillis(), d.toMillis(), d.services());
        };
    }
}
