/**
 * First run on one machine: when {@code scripts/run.sh} runs as root with bpftrace, the portal prepares a sample
 * project and service, hands the local agent a one-time enrollment token through the data folder, and assigns the
 * sample service to that agent in OBSERVE mode once it enrolled, so a newcomer sees live observations within a
 * minute. Off unless {@code capgate.local-agent.enabled=true}.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"base", "security", "audit", "projects", "services", "agents"})
package io.capgate.portal.localagent;
