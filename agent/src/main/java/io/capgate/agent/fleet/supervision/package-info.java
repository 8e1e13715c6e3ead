/**
 * Which engine sessions run for which processes, and how they are replaced without a gap in enforcement.
 *
 * <p>The portal assigns services ({@link io.capgate.agent.fleet.supervision.Assignment}: a matcher, a mode and a
 * verified manifest); discovery finds their processes; {@link io.capgate.agent.fleet.supervision.ServiceSupervision}
 * compares that with the sessions that exist and returns a
 * {@link io.capgate.agent.fleet.supervision.SupervisionPlan} of sessions to start and to stop. It is a pure function,
 * run again after every scan and every session event (a reconcile loop): whatever happened before, the next plan
 * moves towards "every process of every assigned service is covered by an attached session of its current policy".
 * {@link io.capgate.agent.fleet.supervision.SupervisionLoop} keeps the state and applies plans through
 * {@link io.capgate.agent.fleet.supervision.EngineSessions}, which the engine integration implements over
 * {@code Supervisor} (observe = trace with {@code --pid}, alert/stop/kill = run with {@code --pid} in log/stop/kill).
 *
 * <h2>One session per process</h2>
 * The engine attached with {@code --pid} supervises that process and everything it forks <em>afterwards</em>, not
 * children it forked before. So every discovered process of a service needs a session unless an attached session of
 * the same policy already covers it (the engine reports the pids it follows). A session started for a process that
 * turns out to be covered by its parent's session is stopped as redundant.
 *
 * <h2>Changing manifest or mode without a gap</h2>
 * A new manifest or mode is a new policy. Its sessions are started next to the old ones: for a while two bpftrace
 * programs supervise the same processes. An old session is stopped only when <em>every</em> process it covers is
 * covered by an <em>attached</em> session of the new policy, so at every instant each process is enforced by at
 * least one program. Consequences, accepted on purpose:
 * <ul>
 *   <li>During the overlap both policies act: the old one may still kill or stop for a call the new manifest
 *       allows. The overlap lasts one attach (about a second).</li>
 *   <li>If the new policy cannot attach (bpftrace fails, interpreter unsupported), the old session stays: the service
 *       keeps the old enforcement rather than none, and the failure is retried with backoff.</li>
 *   <li>A process the old session follows that is not a service process itself (a shell it executed) cannot get a
 *       new session; the old session is kept until that process exits, and the plan reports it as held.</li>
 *   <li>An old session that has not attached yet protects nothing and is stopped at once.</li>
 * </ul>
 * An unassigned service's sessions stop at once: the portal no longer wants it supervised. A session whose
 * processes all exited or stopped matching is stopped; one covering a process that could not be inspected in the
 * last scan is left alone, so a transient read error never opens a gap.
 *
 * <h2>Status</h2>
 * {@link io.capgate.agent.fleet.supervision.SupervisionLoop#statuses()} says, per assigned service and process,
 * whether it is protected and, if not, why (the last failure of its session); see
 * {@link io.capgate.agent.fleet.supervision.ProtectionReport}. A process still held by an old-policy session while
 * the new one attaches is protected, and the detail says by which policy. Listeners registered with
 * {@link io.capgate.agent.fleet.supervision.SupervisionLoop#onStatusChange} hear of every change, so the agent can
 * resend ASSIGNMENT_STATUS.
 */
package io.capgate.agent.fleet.supervision;
