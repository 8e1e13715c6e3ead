/**
 * Supervising a Python process tree: preflight checks, launching or attaching, running the engine, and
 * turning its output into traces and violation reports. The CLI calls only {@link Supervisor}.
 */
package io.capgate.agent.supervise;
