package io.capgate.agent.fleet.daemon;

import io.capgate.agent.fleet.client.SpooledMessages;
import io.capgate.model.protocol.Limits;
import io.capgate.model.protocol.MessageEncoder;
import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.ObservationEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts observation entries into {@link ObservationBatch}es whose frames stay within a byte limit (the frame
 * maximum, or the spool's record maximum if smaller) and the protocol's entry limit. A batch's frame is a fixed
 * overhead plus the sum of its entries (the list count is a fixed-width {@code u16}), so each entry is measured once
 * with {@link MessageEncoder#frameLength} and batches are filled greedily; the result is checked once per batch.
 */
public final class ObservationBatcher {

    private final int maxFrameBytes;

    /** @param maxFrameBytes the largest frame (header and body, no length prefix) a batch may encode to */
    public ObservationBatcher(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The cut, plus the entries that alone are over the limit (there should be none: they are counted as drops). */
    public record Cut(List<ObservationBatch> batches, int oversize) {
    }

    /** Cuts {@code entries}, in order; batches carry the placeholder sequence. */
    public Cut cut(List<ObservationEntry> entries) {
        List<ObservationBatch> batches = new ArrayList<>();
        int oversize = 0;
        List<ObservationEntry> current = new ArrayList<>();
        long currentBytes = 0;
        long overhead = -1;
        for (ObservationEntry entry : entries) {
            int single = MessageEncoder.frameLength(batch(List.of(entry)));
            if (overhead < 0) {
                overhead = 2L * single - MessageEncoder.frameLength(batch(List.of(entry, entry)));
            }
            if (single > maxFrameBytes) {
                oversize++;
                continue;
            }
            long size = single - overhead;
            if (!current.isEmpty() && (overhead + currentBytes + size > maxFrameBytes
                    || current.size() == Limits.MAX_LIST_ENTRIES)) {
                batches.add(checked(current));
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(entry);
            currentBytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(checked(current));
        }
        return new Cut(batches, oversize);
    }

    private ObservationBatch checked(List<ObservationEntry> entries) {
        ObservationBatch b = batch(entries);
        int length = MessageEncoder.frameLength(b);
        if (length > maxFrameBytes) {
            throw new IllegalStateException("an observation batch of " + entries.size() + " entries encodes to "
                    + length + " bytes, over the " + maxFrameBytes + " it was sized for");
        }
        return b;
    }

    private static ObservationBatch batch(List<ObservationEntry> entries) {
        return new ObservationBatch(0, SpooledMessages.PLACEHOLDER_SEQUENCE, entries);
    }
}
