package io.capgate.agent.fleet.client;

import io.capgate.agent.fleet.spool.DropSnapshot;
import io.capgate.agent.fleet.spool.Spool;
import io.capgate.agent.fleet.spool.SpoolRecord;
import io.capgate.model.protocol.DropReport;
import io.capgate.model.protocol.Limits;
import io.capgate.model.protocol.ServiceDrops;
import io.capgate.model.protocol.SequencedMessage;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Streams the spool to the portal: from the portal's resume point ({@code HELLO_ACK.lastStoredSequence}), in
 * order, at most {@code window} records unacknowledged, and acknowledges the spool on each cumulative ACK. After a
 * reconnect everything unacknowledged is sent again; the portal stores by sequence, so nothing is lost and nothing
 * is stored twice.
 *
 * <p>Event-loop confined, except the spool work (read, acknowledge, sync, drop reports), which runs on {@code io}
 * (one thread, so it stays in order) and hands its results back: a slow disk never stalls the event loop, and
 * producers, which only call {@code Spool.append}, never wait for the network.
 *
 * <p>Drops the spool counted become a DROP_REPORT appended to the spool like any other record, at most every
 * {@code dropCheckInterval} and only when everything was sent and acknowledged (so the full spool has had its
 * acknowledged segments freed and has room); once the report is durable the counters it covers are cleared, so the report itself
 * now travels under the spool's exactly-once guarantee (clearing only at the ACK would report the same drops twice
 * after a restart, because the report is already in the spool).
 */
final class Sender {

    private final Spool spool;
    private final Executor io;
    private final int window;
    private final Duration poll;
    private final Duration dropCheckInterval;
    private final Clock clock;
    private final Consumer<String> log;
    private long lastDropCheck = Long.MIN_VALUE;
    private final AtomicLong ackToPersist = new AtomicLong();
    private final AtomicBoolean ackQueued = new AtomicBoolean();

    // event-loop state of the current connection
    private Channel channel;
    private LongSupplier requestIds;
    private long generation;
    private int version;
    private long nextToSend;
    private long acked;
    private boolean reading;
    private ScheduledFuture<?> poller;

    Sender(Spool spool, Executor io, int window, Duration poll, Duration dropCheckInterval, Clock clock,
           Consumer<String> log) {
        if (window < 1) {
            throw new IllegalArgumentException("the in-flight window must be at least 1, got " + window);
        }
        this.spool = spool;
        this.io = io;
        this.window = window;
        this.poll = poll;
        this.dropCheckInterval = dropCheckInterval;
        this.clock = clock;
        this.log = log;
    }

    /**
     * The session is open, speaking protocol {@code version}: send everything after {@code resumeFrom}. Call on the
     * channel's event loop.
     */
    void start(Channel ch, int version, long resumeFrom, LongSupplier ids) {
        stop();
        channel = ch;
        this.version = version;
        requestIds = ids;
        generation++;
        acked = resumeFrom;
        nextToSend = resumeFrom + 1;
        reading = false;
        io.execute(() -> resume(resumeFrom));
        poller = ch.eventLoop().scheduleWithFixedDelay(this::pump, poll.toMillis(), poll.toMillis(),
                TimeUnit.MILLISECONDS);
        pump();
    }

    /** The session ended; results of reads still under way are ignored. */
    void stop() {
        generation++;
        if (poller != null) {
            poller.cancel(false);
            poller = null;
        }
        channel = null;
    }

    /** The portal stored everything up to {@code upTo}. */
    void acknowledged(long upTo) {
        if (channel == null || upTo <= acked) {
            return;
        }
        if (upTo >= nextToSend) {
            log.accept("the portal acknowledged sequence " + upTo + " but only " + (nextToSend - 1)
                    + " was sent; ignoring the excess");
            upTo = nextToSend - 1;
        }
        acked = upTo;
        // Read the next records before persisting the ACK: the io thread is one queue, and persisting is two
        // fsyncs (20-40 ms each on a busy disk), so reading after it left the window empty that long on every ACK
        // (measured: it capped violations, one record each, near 1.7k/s). ACKs that arrive while one is waiting are
        // persisted together. Persisting later is safe: HELLO_ACK says where the portal is after a restart.
        pump();
        persistAck(upTo);
    }

    private void persistAck(long upTo) {
        ackToPersist.accumulateAndGet(upTo, Math::max);
        if (ackQueued.compareAndSet(false, true)) {
            io.execute(() -> {
                ackQueued.set(false);
                acknowledgeSpool(ackToPersist.get());
            });
        }
    }

    /**
     * The portal could not store something it was sent (ERROR INTERNAL, "it will be replayed"): send everything
     * unacknowledged again after one poll interval, so a struggling portal gets a pause. It stores by sequence, so
     * what it did store is acknowledged again and otherwise ignored.
     */
    void rewind() {
        if (channel == null) {
            return;
        }
        generation++; // a read under way would continue from the old position
        reading = false;
        nextToSend = acked + 1;
        long gen = generation;
        channel.eventLoop().schedule(() -> {
            if (gen == generation) {
                pump();
            }
        }, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads and sends what the window allows. */
    void pump() {
        if (channel == null || reading || !channel.isActive()) {
            return;
        }
        long room = window - (nextToSend - 1 - acked);
        if (room <= 0) {
            return;
        }
        reading = true;
        long gen = generation;
        long from = nextToSend;
        boolean nothingInFlight = nextToSend - 1 == acked;
        Channel ch = channel;
        io.execute(() -> {
            List<SpoolRecord> records;
            try {
                spool.syncIfDue();
                if (nothingInFlight && spool.durableSequence() < from) {
                    reportDropsIfDue();
                }
                records = spool.readFrom(from, (int) room);
            } catch (IOException | RuntimeException e) {
                log.accept("reading the spool failed (" + e.getMessage() + "); retrying in " + poll.toMillis()
                        + " ms");
                records = List.of();
            }
            List<SpoolRecord> read = records;
            try {
                ch.eventLoop().execute(() -> sent(gen, read));
            } catch (RejectedExecutionException e) {
                // the agent is stopping and its event loop is gone: the records stay in the spool for next time
            }
        });
    }

    private void sent(long gen, List<SpoolRecord> records) {
        if (gen != generation) {
            return;
        }
        reading = false;
        for (SpoolRecord r : records) {
            long requestId = requestIds.getAsLong();
            channel.write(SpooledMessages.frame(r, requestId, version).<Object>map(frame -> frame)
                    .orElseGet(() -> message(r, requestId)));
            nextToSend = r.sequence() + 1;
        }
        if (!records.isEmpty()) {
            channel.flush();
            pump();
        }
    }

    /** A record {@link SpooledMessages#frame} cannot send as it is: decoded, for the session's encoder. */
    private SequencedMessage message(SpoolRecord r, long requestId) {
        try {
            return SpooledMessages.toWire(r, requestId);
        } catch (RuntimeException e) {
            // Never leave a gap: the portal acknowledges cumulatively. The record goes out as a lost one.
            log.accept("spool record " + r.sequence() + " cannot be decoded (" + e.getMessage()
                    + "); reporting it as dropped");
            long now = clock.millis();
            return new DropReport(requestId, r.sequence(), now, now,
                    List.of(new ServiceDrops(Limits.clip(Spool.CORRUPT, Limits.MAX_ID_BYTES), 1, 0, 0)));
        }
    }

    /**
     * On the io thread, first at each session: acknowledges what the portal has, or, when the portal is past every
     * sequence this spool assigned (the spool was wiped or restored), moves the unsent records past its mark:
     * sent under their old sequences they would be taken for replays and discarded.
     */
    private void resume(long portalMark) {
        try {
            if (portalMark > spool.nextSequence() - 1) {
                spool.resumeAfter(portalMark);
            } else {
                acknowledgeSpool(portalMark);
            }
        } catch (IOException | RuntimeException e) {
            log.accept("resuming the spool after sequence " + portalMark + " failed: " + e.getMessage());
        }
    }

    /** On the io thread. */
    private void acknowledgeSpool(long upTo) {
        if (upTo <= 0) {
            return;
        }
        try {
            long last = spool.nextSequence() - 1;
            if (upTo > last) {
                log.accept("the portal says it stored up to sequence " + upTo + " but this agent assigned only up to "
                        + last + "; acknowledging what exists");
                upTo = last;
            }
            spool.acknowledge(upTo);
        } catch (IOException | RuntimeException e) {
            log.accept("acknowledging the spool up to " + upTo + " failed: " + e.getMessage());
        }
    }

    /** On the io thread. */
    private void reportDropsIfDue() throws IOException {
        long now = clock.millis();
        if (lastDropCheck != Long.MIN_VALUE && now - lastDropCheck < dropCheckInterval.toMillis()) {
            return;
        }
        lastDropCheck = now;
        DropSnapshot drops = spool.drops();
        if (drops.isEmpty()) {
            return;
        }
        OptionalLong sequence = spool.append(DropReports.CATEGORY, SpooledMessages.encode(DropReports.of(drops)));
        if (sequence.isPresent()) {
            spool.sync();
            spool.clearReportedDrops(drops);
            log.accept("reporting " + drops.total() + " dropped records as sequence " + sequence.getAsLong());
        }
    }
}
