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
 * </ul>
 *
 * <p>None of these packages opens a network connection: the wire protocol lives in shared-model and the
 * connection handling comes on top of these foundations.
 */
package io.capgate.agent.fleet;
