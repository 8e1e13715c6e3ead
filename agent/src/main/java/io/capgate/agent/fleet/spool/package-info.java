/**
 * The agent's durable outbox: {@link io.capgate.agent.fleet.spool.Spool} appends opaque records (observation
 * batches, violations, drop reports) under one per-agent sequence number, keeps them in segment files until the
 * portal acknowledges them, and replays them after a disconnect or an agent restart.
 *
 * <p>The spool is bounded ({@link io.capgate.agent.fleet.spool.SpoolConfig#maxBytes()}). When it is full it
 * neither blocks the engine nor throws: it counts the record it could not keep in a persistent per-category
 * counter ({@link io.capgate.agent.fleet.spool.DropSnapshot}) that the agent reports to the portal, so nothing
 * is lost silently. Dropped records never get a sequence number, so sequences have no gaps from drops.
 *
 * <p>On disk, in the spool directory:
 * <pre>
 *   lock                        held (flock) while a Spool is open: one process per directory
 *   00000000000000000001.seg    segments, named by the sequence of their first record
 *   acked                       the cumulative acknowledged sequence (CRC-protected, replaced atomically)
 *   drops                       the drop counters (CRC-protected, replaced atomically)
 * </pre>
 * The byte layout of segments is described on {@code RecordFormat}.
 */
package io.capgate.agent.fleet.spool;
