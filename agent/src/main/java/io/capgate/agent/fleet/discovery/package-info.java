/**
 * Finding the processes of the services assigned to this host.
 *
 * <p>A {@link io.capgate.agent.fleet.discovery.MatcherSpec} says how a service's processes look: the executable
 * they run (optionally narrowed by a regular expression over their command line), or the systemd unit whose
 * cgroup they are in. {@link io.capgate.agent.fleet.discovery.ProcessScanner} makes one pass over
 * {@code /proc} (through {@link io.capgate.agent.fleet.discovery.ProcessTable}, so tests use a fake tree) and
 * {@link io.capgate.agent.fleet.discovery.ProcessWatcher} repeats it on a schedule and reports which processes
 * appeared and which are gone.
 *
 * <p>Processes are identified by pid <em>and</em> start time ({@link io.capgate.agent.fleet.discovery.ProcessId}),
 * so a pid reused by an unrelated process between two scans is a different process.
 */
package io.capgate.agent.fleet.discovery;
