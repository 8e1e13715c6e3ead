/**
 * Engine sessions for the agent daemon: {@link io.capgate.agent.fleet.engine.BpftraceEngineSessions} implements
 * {@link io.capgate.agent.fleet.supervision.EngineSessions} over the local {@code Supervisor} (bpftrace), one thread
 * per session, attached by pid. OBSERVE sessions trace and stream aggregated observation windows; ALERT, STOP and
 * KILL sessions enforce the verified manifest and deliver each violation. Everything is handed to
 * {@link io.capgate.agent.fleet.supervision.EngineOutput} in protocol form, strings from the supervised process
 * clipped to the protocol's limits.
 */
package io.capgate.agent.fleet.engine;
