/**
 * The agent's connection to the portal, on Netty.
 *
 * <ul>
 *   <li>{@link io.capgate.agent.fleet.client.AgentConnection}: the long-lived mutual-TLS session; says HELLO,
 *       keeps it alive with heartbeats, and reconnects with randomized, capped exponential
 *       {@link io.capgate.agent.fleet.client.Backoff} until the portal refuses the agent for good.</li>
 *   <li>{@link io.capgate.agent.fleet.client.AgentChannelInitializer}: the pipeline, top to bottom.</li>
 *   <li>{@link io.capgate.agent.fleet.client.SessionHandler}: routes each message with a pattern-matching switch.</li>
 *   <li>{@link io.capgate.agent.fleet.client.Sender}: streams the spool from the portal's resume point with a
 *       bounded in-flight window, acknowledges the spool on ACK and turns counted drops into a DROP_REPORT.</li>
 *   <li>{@link io.capgate.agent.fleet.client.Enrollment}: the one-time enrollment connection.</li>
 *   <li>{@link io.capgate.agent.fleet.client.LocalHostFacts}: host name, kernel, bpftrace and Python versions for
 *       ENROLL_REQUEST and HELLO.</li>
 * </ul>
 *
 * <p>Nothing here blocks an event-loop thread: spool reads, acknowledgements and appends run on one I/O thread
 * and hand their results back to the event loop. Producers (the engine, through the daemon's
 * spooling output) only ever call {@code Spool.append} and {@code Spool.countDropped}. ASSIGNMENTS go to the daemon;
 * its statuses come back through {@code AgentConnection.report}.
 */
package io.capgate.agent.fleet.client;
