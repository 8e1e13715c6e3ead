package io.capgate.agent.fleet.spool;

import java.util.Arrays;

/**
 * One record read back from the spool.
 *
 * @param sequence the per-agent sequence number assigned when it was appended, at least 1
 * @param payload  the bytes as appended
 */
public record SpoolRecord(long sequence, byte[] payload) {

    public SpoolRecord {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1, got " + sequence);
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpoolRecord r && r.sequence == sequence && Arrays.equals(r.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "SpoolRecord[sequence=" + sequence + ", " + payload.length + " bytes]";
    }
}
