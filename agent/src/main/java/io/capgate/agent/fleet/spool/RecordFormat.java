package io.capgate.agent.fleet.spool;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The byte layout of a segment file. All integers are big-endian.
 *
 * <pre>
 * file header (16 bytes):  u32 magic "CGSP" | u32 version (1) | u64 sequence of the first record
 * record (16 + n bytes):   u32 n (payload length) | u32 CRC32C | u64 sequence | n bytes payload
 * </pre>
 *
 * <p>The CRC covers the length, the sequence and the payload, so a torn or bit-flipped record is found whatever
 * part of it was damaged. Example: the record with sequence 7 and payload {@code "hi"} is
 * {@code 00000002 <crc of 00000002 0000000000000007 6869> 0000000000000007 6869}.
 */
final class RecordFormat {

    static final int MAGIC = 0x43475350;
    static final int VERSION = 1;
    static final int FILE_HEADER_BYTES = 16;
    static final int RECORD_HEADER_BYTES = 16;

    private RecordFormat() {
    }

    static ByteBuffer fileHeader(long firstSequence) {
        return ByteBuffer.allocate(FILE_HEADER_BYTES).putInt(MAGIC).putInt(VERSION).putLong(firstSequence).flip();
    }

    /** The whole record, ready to write. */
    static ByteBuffer record(long sequence, byte[] payload) {
        ByteBuffer buffer = ByteBuffer.allocate(RECORD_HEADER_BYTES + payload.length);
        buffer.putInt(payload.length).putInt(crc(payload.length, sequence, ByteBuffer.wrap(payload)))
                .putLong(sequence).put(payload);
        return buffer.flip();
    }

    /** The CRC32C of a record; {@code payload} is read from its position to its limit and left unchanged. */
    static int crc(int length, long sequence, ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(12).putInt(length).putLong(sequence).flip());
        crc.update(payload.duplicate());
        return (int) crc.getValue();
    }
}
