package io.capgate.agent.fleet.supervision;

import io.capgate.agent.fleet.discovery.DiscoveredProcess;
import io.capgate.agent.fleet.supervision.SupervisionPlan.Held;
import io.capgate.agent.fleet.supervision.SupervisionPlan.Reason;
import io.capgate.agent.fleet.supervision.SupervisionPlan.Stop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides which sessions to start and stop (the rules are in the package documentation). A pure function of
 * its inputs: no clock, no I/O, so every rule is tested with plain values.
 */
public final class ServiceSupervision {

    /**
     * Plans the next step.
     *
     * @param assignments the services assigned now, by id
     * @param processes   what the last scan found
     * @param sessions    the sessions that exist (stopping ones are ignored: they are on their way out)
     * @param backingOff  sessions not to start yet because their last attempt failed recently
     */
    public SupervisionPlan plan(Map<String, Assignment> assignments, ServiceProcesses processes,
                                List<SessionView> sessions, Set<SessionSpec> backingOff) {
        Map<String, List<SessionView>> byService = sessions.stream()
                .filter(s -> s.state() != SessionView.State.STOPPING)
                .collect(Collectors.groupingBy(s -> s.spec().serviceId()));
        Set<String> services = new TreeSet<>(assignments.keySet());
        services.addAll(byService.keySet());
        Builder plan = new Builder();
        for (String service : services) {
            List<SessionView> mine = byService.getOrDefault(service, List.of());
            Assignment assignment = assignments.get(service);
            if (assignment == null) {
                mine.forEach(s -> plan.stop.add(new Stop(s.id(), Reason.UNASSIGNED)));
            } else {
                planService(assignment, new Belonging(processes, service), mine, backingOff, plan);
            }
        }
        return new SupervisionPlan(plan.start, plan.stop, plan.held, plan.waiting);
    }

    private static void planService(Assignment assignment, Belonging belonging, List<SessionView> mine,
                                    Set<SessionSpec> backingOff, Builder plan) {
        Policy policy = assignment.policy();
        List<SessionView> current = mine.stream().filter(s -> s.spec().policy().equals(policy)).toList();
        for (DiscoveredProcess process : belonging.processes) {
            boolean covered = current.stream().anyMatch(s -> s.spec().target().equals(process.id())
                    || s.covers(process.pid()));
            if (!covered) {
                SessionSpec spec = new SessionSpec(assignment.serviceId(), process.id(), policy);
                (backingOff.contains(spec) ? plan.waiting : plan.start).add(spec);
            }
        }
        for (SessionView s : current) {
            Reason gone = gone(s, belonging);
            if (gone != null) {
                plan.stop.add(new Stop(s.id(), gone));
            } else if (redundant(s, current)) {
                plan.stop.add(new Stop(s.id(), Reason.REDUNDANT));
            }
        }
        for (SessionView old : mine) {
            if (old.spec().policy().equals(policy)) {
                continue;
            }
            Reason gone = gone(old, belonging);
            if (!old.attached()) {
                plan.stop.add(new Stop(old.id(), Reason.SUPERSEDED));
            } else if (gone != null) {
                plan.stop.add(new Stop(old.id(), gone));
            } else {
                Set<Integer> uncovered = old.covered().stream()
                        .filter(pid -> current.stream().noneMatch(c -> c.covers(pid)))
                        .collect(Collectors.toCollection(TreeSet::new));
                if (uncovered.isEmpty()) {
                    plan.stop.add(new Stop(old.id(), Reason.REPLACED));
                } else {
                    plan.held.add(new Held(old.id(), uncovered));
                }
            }
        }
    }

    /** Why the session has nothing left to do for the service, or null when it has. */
    private static Reason gone(SessionView s, Belonging belonging) {
        int target = s.spec().target().pid();
        if (!s.attached()) {
            return belonging.listed(s) || belonging.uncertain(target) ? null : Reason.PROCESSES_GONE;
        }
        if (s.covered().isEmpty()) {
            return Reason.PROCESSES_GONE;
        }
        boolean targetLeft = s.covered().contains(target) && !belonging.listed(s) && !belonging.uncertain(target);
        boolean followsService = s.covered().stream().anyMatch(pid -> belonging.pids.contains(pid)
                || belonging.uncertain(pid));
        // A target that exited leaves its descendants supervised until they exit too: the engine ends by itself.
        return targetLeft && !followsService ? Reason.NO_LONGER_MATCHING : null;
    }

    private static boolean redundant(SessionView s, List<SessionView> current) {
        return s.attached() && current.stream().anyMatch(t -> t != s && t.attached()
                && !t.spec().target().equals(s.spec().target())
                && t.covers(s.spec().target().pid()) && t.covered().containsAll(s.covered()));
    }

    /** One service's processes in the last scan. */
    private static final class Belonging {

        final List<DiscoveredProcess> processes;
        final Set<Integer> pids;
        final ServiceProcesses all;

        Belonging(ServiceProcesses all, String service) {
            this.all = all;
            this.processes = all.of(service);
            this.pids = processes.stream().map(DiscoveredProcess::pid).collect(Collectors.toSet());
        }

        boolean listed(SessionView s) {
            return processes.stream().anyMatch(p -> p.id().equals(s.spec().target()));
        }

        boolean uncertain(int pid) {
            return all.uncertain().contains(pid);
        }
    }

    private static final class Builder {
        final List<SessionSpec> start = new ArrayList<>();
        final List<Stop> stop = new ArrayList<>();
        final List<Held> held = new ArrayList<>();
        final List<SessionSpec> waiting = new ArrayList<>();
    }
}
