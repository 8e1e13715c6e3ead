package io.capgate.agent.fleet.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.spool.SpoolRecord;
import io.capgate.model.protocol.MessageDecoder;
import io.capgate.model.protocol.MessageEncoder;
import io.capgate.model.protocol.ProtocolFixtures;
import io.capgate.model.protocol.ProtocolVersion;
import io.capgate.model.protocol.SequencedMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpooledMessagesTest {

    private static final List<SequencedMessage> MESSAGES = List.of(ProtocolFixtures.anObservationBatch(),
            ProtocolFixtures.aViolation(), ProtocolFixtures.aDropReport());

    @Test
    void theFrameIsWhatTheEncoderWritesForTheSpoolsSequenceAndTheRequestId() {
        for (SequencedMessage m : MESSAGES) {
            var record = new SpoolRecord(70_000_000_123L, SpooledMessages.encode(m));
            ByteBuf frame = SpooledMessages.frame(record, 0x1122334455667788L, ProtocolVersion.CURRENT).orElseThrow();
            try {
                SequencedMessage expected = SpooledMessages.withSequence(m, 70_000_000_123L, 0x1122334455667788L);
                assertThat(ByteBufUtil.getBytes(frame)).as(m.type().name())
                        .isEqualTo(MessageEncoder.frameBytes(expected));
                assertThat(MessageDecoder.decode(frame.duplicate())).isEqualTo(expected);
            } finally {
                frame.release();
            }
        }
    }

    @Test
    void sendingTheSameRecordTwiceGivesEachItsRequestId() {
        var record = new SpoolRecord(5, SpooledMessages.encode(ProtocolFixtures.aViolation()));
        ByteBuf first = SpooledMessages.frame(record, 1, ProtocolVersion.CURRENT).orElseThrow();
        ByteBuf again = SpooledMessages.frame(record, 2, ProtocolVersion.CURRENT).orElseThrow();
        assertThat(MessageDecoder.decode(first).requestId()).isEqualTo(1);
        assertThat(MessageDecoder.decode(again).requestId()).isEqualTo(2);
        assertThat(SpooledMessages.toWire(record, 3).sequence()).isEqualTo(5);
    }

    @Test
    void aRecordOfAnotherVersionOrWithoutThePlaceholdersIsLeftToTheDecoder() {
        byte[] bytes = SpooledMessages.encode(ProtocolFixtures.aViolation());
        assertThat(SpooledMessages.frame(new SpoolRecord(5, bytes), 1, ProtocolVersion.CURRENT + 1)).isEmpty();

        byte[] stamped = MessageEncoder.frameBytes(ProtocolFixtures.aViolation()); // request 14, sequence 101
        assertThat(SpooledMessages.frame(new SpoolRecord(5, stamped), 1, ProtocolVersion.CURRENT)).isEmpty();

        byte[] heartbeat = MessageEncoder.frameBytes(ProtocolFixtures.aHeartbeat());
        assertThat(SpooledMessages.frame(new SpoolRecord(5, heartbeat), 1, ProtocolVersion.CURRENT)).isEmpty();

        byte[] truncated = Arrays.copyOf(bytes, 18);
        assertThat(SpooledMessages.frame(new SpoolRecord(5, truncated), 1, ProtocolVersion.CURRENT)).isEmpty();
    }
}
