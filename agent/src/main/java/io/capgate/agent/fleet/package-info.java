/**
 * The agent's side of the fleet: what a host agent needs to be enrolled with the portal, supervise the services
 * the portal assigns and deliver what it sees without losing any of it.
 *
 * <ul>
 *   <li>{@link io.capgate.agent.fleet.spool} — the durable, bounded outbox of sequenced records that survives
 *       disconnects and restarts, with counted drops when full.</li>
 *   <li>{@link io.capgate.agent.fleet.discovery} — finding the processes of an assigned service in {@code /proc}
 *       and noticing when they come and go.</li>
 *   <li>{@link io.capgate.agent.fleet.identity} — the agent's key, certificate and pinned portal CA, the
 *       enrollment token, and verifying manifest signatures.</li>
 *   <li>{@link io.capgate.agent.fleet.supervision} — deciding which engine sessions run for which processes,
 *       replacing them without a gap in enforcement.</li>
 *   <li>{@link io.capgate.agent.fleet.client} — the connection to the portal: enrollment, the mutual-TLS
 *       session, heartbeats, reconnects, and streaming the spool with cumulative acknowledgements. The only
 *       package that opens a network connection; the wire protocol itself lives in shared-model.</li>
 *   <li>{@link io.capgate.agent.fleet.engine} — engine sessions over bpftrace: observation windows, violations,
 *       lost events and coverage as they happen.</li>
 *   <li>{@link io.capgate.agent.fleet.daemon} — {@code capgate agent run}: verified assignments, kept across
 *       restarts, wired to discovery, supervision, the spool and the portal connection.</li>
 * </ul>
 */
package io.capgate.agent.fleet;
