package io.capgate.portal.agents.ui;

import io.capgate.model.protocol.ServiceMode;
import io.capgate.portal.agents.AgentAssignment;
import io.capgate.portal.agents.ProcessProtection;
import java.util.Locale;
import java.util.stream.Collectors;

/** How assignments read on the page: modes, protection, and the per-process reports in one line. */
final class AssignmentLabels {

  private AssignmentLabels() {}

  static String mode(ServiceMode mode) {
    return switch (mode) {
      case OBSERVE -> "observe (trace only)";
      case ALERT -> "alert (report violations)";
      case STOP -> "stop (SIGSTOP the process)";
      case KILL -> "kill (SIGKILL the process)";
    };
  }

  /** "protected", "not protected" or "no report yet". */
  static String protection(AgentAssignment assignment) {
    return switch (assignment.protection()) {
      case UNKNOWN -> "no report yet";
      case PROTECTED -> "protected";
      case NOT_PROTECTED -> "not protected";
    };
  }

  /** Each report: "pid 4242: protected", "service: not protected, no process (detail)". */
  static String processes(AgentAssignment assignment) {
    if (assignment.processes().isEmpty()) {
      return "—";
    }
    return assignment.processes().stream().map(AssignmentLabels::process).collect(Collectors.joining("; "));
  }

  static String process(ProcessProtection process) {
    String who = process.pid() == 0 ? "service" : "pid " + process.pid();
    if (process.isProtected()) {
      return who + ": protected";
    }
    String reason = process.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return who + ": not protected, " + reason + (process.detail().isBlank() ? "" : " (" + process.detail() + ")");
  }

  /** The agents grid's one-line summary: "billing-api kill, protected · web observe, no report yet". */
  static String summary(java.util.List<AgentAssignment> assignments) {
    if (assignments.isEmpty()) {
      return "none";
    }
    return assignments.stream()
        .map(a -> a.serviceName() + " " + a.mode().name().toLowerCase(Locale.ROOT) + ", " + protection(a))
        .collect(Collectors.joining(" · "));
  }
}
