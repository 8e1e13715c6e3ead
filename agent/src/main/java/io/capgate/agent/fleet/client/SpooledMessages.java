package io.capgate.agent.fleet.client;

import io.capgate.agent.fleet.spool.SpoolRecord;
import io.capgate.model.protocol.AgentMessage;
import io.capgate.model.protocol.DropReport;
import io.capgate.model.protocol.MessageDecoder;
import io.capgate.model.protocol.MessageEncoder;
import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.SequencedMessage;
import io.capgate.model.protocol.Violation;
import io.netty.buffer.Unpooled;

/**
 * What a spool record holds: one {@link SequencedMessage} encoded as a frame (header and body, no length prefix)
 * by the shared {@link MessageEncoder}. The producer does not know the sequence before {@code Spool.append}
 * assigns it, so the record is encoded with the placeholder sequence 1 and request id 0; {@link #toWire} puts the
 * spool's sequence and the connection's request id in when the record is sent. Decoding through the shared
 * decoder also checks every record before it goes out.
 */
public final class SpooledMessages {

    /** The sequence written into a record before the spool assigns the real one. */
    public static final long PLACEHOLDER_SEQUENCE = 1;

    private SpooledMessages() {
    }

    /** The payload to {@code Spool.append} for {@code message} (its sequence and request id are ignored). */
    public static byte[] encode(SequencedMessage message) {
        return MessageEncoder.frameBytes(message); // not through an EmbeddedChannel: that was a fifth of the cost
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
