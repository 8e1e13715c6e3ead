package io.capgate.model.protocol;

/**
 * Agent-to-portal data that must survive disconnects: each carries a per-agent sequence number from one counter
 * that starts at 1 and never repeats, also across reconnects and agent restarts (the agent spools it to disk).
 *
 * <p>The portal stores idempotently by (agent id, sequence), acknowledges cumulatively with {@link Ack}, and
 * reports the last sequence it stored in {@link HelloAck}; the agent replays everything after that.
 */
public sealed interface SequencedMessage extends AgentMessage permits ObservationBatch, Violation, DropReport {

    /** The per-agent sequence number, at least 1. */
    long sequence();
}
