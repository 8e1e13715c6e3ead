package io.capgate.portal.localagent;

import io.capgate.model.protocol.ServiceMode;
import io.capgate.portal.agents.AgentAssignments;
import org.springframework.stereotype.Component;

/** Assigns the sample service to the local agent in OBSERVE mode through the agents feature (audited, checked). */
@Component
class SampleAssigner {

  private final AgentAssignments assignments;

  SampleAssigner(AgentAssignments assignments) {
    this.assignments = assignments;
  }

  /** Assigns the service to the agent unless it already is (in whatever mode someone chose since). */
  boolean assignIfMissing(String agentId, long serviceId) {
    boolean assigned = assignments.forAgent(agentId).stream().anyMatch(a -> a.serviceId() == serviceId);
    if (assigned) {
      return false;
    }
    assignments.assign(agentId, serviceId, ServiceMode.OBSERVE);
    return true;
  }

  /** Whether any agent supervises the service: the setup's job is done then. */
  boolean assignedAnywhere(long serviceId) {
    return !assignments.forService(serviceId).isEmpty();
  }
}
