/**
 * Linux process facts the agent needs, behind small interfaces so callers can be tested
 * with canned text: {@link io.capgate.agent.os.ProcFs} ({@code /proc/PID/maps}, {@code exe},
 * {@code status}, {@code mem}), {@link io.capgate.agent.os.ProcessMemory} and
 * {@link io.capgate.agent.os.Processes} ({@code geteuid}, {@code kill}).
 *
 * <p>JNA is used only here ({@link io.capgate.agent.os.JnaProcesses}); everything else reads
 * {@code /proc} with plain Java I/O.
 */
package io.capgate.agent.os;
