package io.capgate.agent.fleet.daemon;

import io.capgate.agent.fleet.client.SpooledMessages;
import io.capgate.agent.fleet.spool.RecordTooLargeException;
import io.capgate.agent.fleet.spool.Spool;
import io.capgate.agent.fleet.supervision.EngineOutput;
import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The engine's output into the spool, without ever blocking an engine thread: producers only offer to a bounded
 * queue and, when it is full, add to in-memory drop counters; one writer thread encodes, appends to the spool
 * (which may touch the disk) and moves the counters into the spool's drop counters, so every loss ends up in a
 * DROP_REPORT. Observations are appended per service in batches sized for a frame ({@link ObservationBatcher}),
 * violations one record each; drops are counted under {@code <serviceId>/observation} (entries),
 * {@code <serviceId>/violation} and {@code <serviceId>/kernel-lost}.
 */
public final class SpoolingEngineOutput implements EngineOutput, AutoCloseable {

    private static final Pattern NOT_CATEGORY = Pattern.compile("[^A-Za-z0-9._:/@-]");

    private record Observations(String serviceId, List<ObservationEntry> entries) {
    }

    private final Spool spool;
    private final ObservationBatcher batcher;
    private final Consumer<String> log;
    private final BlockingQueue<Object> queue;
    private final Map<String, LongAdder> pendingDrops = new ConcurrentHashMap<>();
    private final Thread writer;
    private volatile boolean closed;

    /**
     * Starts the writer thread.
     *
     * @param capacity      how many deliveries may wait for the writer before new ones are dropped (and counted)
     * @param maxFrameBytes the largest record: the smaller of the frame limit and the spool's record limit
     * @param log           receives a line when the writer fails unexpectedly
     */
    public SpoolingEngineOutput(Spool spool, int capacity, int maxFrameBytes, Consumer<String> log) {
        this.spool = spool;
        this.batcher = new ObservationBatcher(maxFrameBytes);
        this.log = log;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().name("capgate-engine-output").daemon().start(this::run);
    }

    @Override
    public void observations(List<ObservationEntry> entries) {
        Map<String, List<ObservationEntry>> byService = new LinkedHashMap<>();
        for (ObservationEntry e : entries) {
            byService.computeIfAbsent(e.serviceId(), s -> new java.util.ArrayList<>()).add(e);
        }
        byService.forEach((service, list) -> {
            if (closed || !queue.offer(new Observations(service, List.copyOf(list)))) {
                countLater(service, "observation", list.size());
            }
        });
    }

    @Override
    public void violation(Violation violation) {
        if (closed || !queue.offer(violation)) {
            countLater(violation.serviceId(), "violation", 1);
        }
    }

    @Override
    public void kernelEventsLost(String serviceId, long events) {
        countLater(serviceId, "kernel-lost", events);
    }

    /** Writes what is queued and the counted drops, then stops the writer; the spool stays open. */
    @Override
    public void close() {
        closed = true;
        // no interrupt: one arriving during a spool write would close the spool's file channel
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The drop category of a service: its id with characters the spool does not take replaced by '_'. */
    static String category(String serviceId, String kind) {
        return NOT_CATEGORY.matcher(serviceId).replaceAll("_") + "/" + kind;
    }

    private void countLater(String serviceId, String kind, long n) {
        if (n > 0) {
            pendingDrops.computeIfAbsent(category(serviceId, kind), c -> new LongAdder()).add(n);
        }
    }

    private void run() {
        while (true) {
            Object item;
            try {
                item = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                item = null; // nobody interrupts this thread; finish as if closed
                closed = true;
            }
            if (item == null && closed) {
                break;
            }
            if (item != null) {
                writeSafely(item);
            }
            flushDrops();
        }
        for (Object item = queue.poll(); item != null; item = queue.poll()) {
            writeSafely(item);
        }
        flushDrops();
    }

    private void writeSafely(Object item) {
        try {
            switch (item) {
                case Observations o -> write(o);
                case Violation v -> append(category(v.serviceId(), "violation"), SpooledMessages.encode(v), 1);
                default -> throw new IllegalStateException("unexpected item " + item.getClass());
            }
        } catch (RuntimeException e) {
            log.accept("engine output: could not spool a record (" + e + "); counting it as dropped");
            if (item instanceof Observations o) {
                countLater(o.serviceId(), "observation", o.entries().size());
            } else if (item instanceof Violation v) {
                countLater(v.serviceId(), "violation", 1);
            }
        }
    }

    private void write(Observations o) {
        String category = category(o.serviceId(), "observation");
        ObservationBatcher.Cut cut = batcher.cut(o.entries());
        countLater(o.serviceId(), "observation", cut.oversize());
        for (ObservationBatch batch : cut.batches()) {
            append(category, SpooledMessages.encode(batch), batch.entries().size());
        }
    }

    /** Appends; a full spool counts one drop itself, the rest of {@code entries} is counted here. */
    private void append(String category, byte[] payload, long entries) {
        try {
            if (spool.append(category, payload).isEmpty() && entries > 1) {
                spool.countDropped(category, entries - 1);
            }
        } catch (RecordTooLargeException e) {
            spool.countDropped(category, entries);
        }
    }

    private void flushDrops() {
        for (Map.Entry<String, LongAdder> e : pendingDrops.entrySet()) {
            long n = e.getValue().sumThenReset();
            if (n > 0) {
                try {
                    spool.countDropped(e.getKey(), n);
                } catch (RuntimeException failure) {
                    e.getValue().add(n); // the spool is closing: keep them for a later flush
                    return;
                }
            }
        }
    }
}
