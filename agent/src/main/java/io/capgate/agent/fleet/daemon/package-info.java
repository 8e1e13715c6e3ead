/**
 * The long-running agent ({@code capgate agent run}) put together: assignments from the portal are verified
 * ({@link io.capgate.agent.fleet.daemon.AssignmentVerifier}), kept and persisted
 * ({@link io.capgate.agent.fleet.daemon.AppliedAssignments}, {@link io.capgate.agent.fleet.daemon.AssignmentFile}) and
 * handed to the supervision loop; discovery feeds it processes; the engine's output goes to the spool without ever
 * blocking ({@link io.capgate.agent.fleet.daemon.SpoolingEngineOutput}); protection statuses go back to the portal,
 * coalesced ({@link io.capgate.agent.fleet.daemon.StatusReporter}). {@link io.capgate.agent.fleet.daemon.AgentDaemon}
 * wires and runs it all.
 *
 * <p>Enforcement never depends on the portal: the last verified assignments are persisted and supervised from the
 * moment the agent starts, and a refused manifest never replaces a service's last verified policy.
 */
package io.capgate.agent.fleet.daemon;
