/**
 * A load generator for the fleet ingestion benchmark ({@code scripts/bench-fleet.sh}): {@link
 * io.capgate.agent.fleet.load.FleetLoad} streams synthetic observations and violations through the agent's real
 * identity, spool and connection, and reports its own CPU time. Not used by the agent itself.
 */
package io.capgate.agent.fleet.load;
