package io.capgate.agent.fleet.daemon;

import io.capgate.agent.fleet.daemon.AssignmentVerifier.Accepted;
import io.capgate.agent.fleet.daemon.AssignmentVerifier.Refusal;
import io.capgate.agent.fleet.supervision.Assignment;
import io.capgate.model.protocol.Assignments;
import io.capgate.model.protocol.ServiceAssignment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The assignments in force: per service the last one that verified, with the signed frame it came from (what is
 * persisted), and the refusals of the latest revision. Not thread-safe: the daemon calls it from one thread.
 *
 * <p>Rules: within one session with the portal, an ASSIGNMENTS older than the newest applied revision is ignored
 * (a late frame must not undo a newer one). The first ASSIGNMENTS of a session ({@link #newSession}) is applied
 * whatever its revision: the portal sends its complete, current set right after HELLO, and it is the authority —
 * a persisted file claiming a higher revision (edited on the host, or from before the portal's database was
 * restored) must not keep the portal's assignments out. A service missing from a newer one
 * is released. A service whose new assignment is refused keeps its last verified one: a forged or damaged frame
 * never turns enforcement off. Each refusal is logged once per service, manifest version and reason (the portal
 * sends the same frame again after every reconnect).
 */
public final class AppliedAssignments {

    /** A service in force: the frame it came from and what it means. */
    public record Entry(ServiceAssignment signed, Assignment assignment) {
    }

    /** What {@link #apply} did. */
    public enum Outcome {
        /** The revision is older than the one applied: nothing changed. */
        IGNORED,
        /** Applied; the services in force are the same as before. */
        UNCHANGED,
        /** Applied; the services in force changed. */
        CHANGED
    }

    private final AssignmentVerifier verifier;
    private final Consumer<String> log;
    private final Set<String> logged = new HashSet<>();
    private OptionalLong revision = OptionalLong.empty();
    private boolean sessionStart;
    private Map<String, Entry> inForce = Map.of();
    private List<Refusal> refusals = List.of();

    /** @param log receives one line per refusal (once) and per ignored revision */
    public AppliedAssignments(AssignmentVerifier verifier, Consumer<String> log) {
        this.verifier = verifier;
        this.log = log;
    }

    /** A new session with the portal opened: its first ASSIGNMENTS is applied whatever its revision. */
    public void newSession() {
        sessionStart = true;
    }

    /** Verifies and applies {@code incoming}. */
    public Outcome apply(Assignments incoming) {
        boolean authoritative = sessionStart;
        sessionStart = false;
        if (!authoritative && revision.isPresent() && incoming.revision() < revision.getAsLong()) {
            log.accept("ignoring assignments revision " + incoming.revision() + ": revision "
                    + revision.getAsLong() + " is already applied");
            return Outcome.IGNORED;
        }
        Map<String, Entry> next = new LinkedHashMap<>();
        List<Refusal> refused = new ArrayList<>();
        for (ServiceAssignment service : incoming.services()) {
            switch (verifier.verify(service)) {
                case Accepted a -> next.put(service.serviceId(), new Entry(service, a.assignment()));
                case Refusal r -> {
                    refused.add(r);
                    Entry previous = inForce.get(service.serviceId());
                    logOnce(r, previous != null);
                    if (previous != null) {
                        next.put(service.serviceId(), previous);
                    }
                }
            }
        }
        // compared by the signed frames: a compiled Pattern in a matcher has no value equality
        boolean changed = !signed(next).equals(signed(inForce));
        revision = OptionalLong.of(incoming.revision());
        inForce = next;
        refusals = List.copyOf(refused);
        return changed ? Outcome.CHANGED : Outcome.UNCHANGED;
    }

    /** The revision applied last; empty before the first. */
    public OptionalLong revision() {
        return revision;
    }

    /** The services in force, by id, in the portal's order. */
    public Map<String, Entry> inForce() {
        return inForce;
    }

    /** What the supervision loop enforces. */
    public Map<String, Assignment> assignments() {
        Map<String, Assignment> result = new LinkedHashMap<>();
        inForce.forEach((id, e) -> result.put(id, e.assignment()));
        return result;
    }

    /** The refusals of the revision applied last. */
    public List<Refusal> refusals() {
        return refusals;
    }

    /** The frame to persist: the services in force under the revision applied last. */
    public Assignments toFrame() {
        return new Assignments(0, revision.orElse(0), inForce.values().stream().map(Entry::signed).toList());
    }

    private static Map<String, ServiceAssignment> signed(Map<String, Entry> entries) {
        Map<String, ServiceAssignment> result = new LinkedHashMap<>();
        entries.forEach((id, e) -> result.put(id, e.signed()));
        return result;
    }

    private void logOnce(Refusal r, boolean keepsPrevious) {
        if (logged.add(r.serviceId() + "\u0000" + r.versionId() + "\u0000" + r.reason())) {
            log.accept("refused the assignment of service " + r.serviceId() + " (" + r.reason() + "): " + r.detail()
                    + (keepsPrevious ? "; its last verified policy stays in force"
                    : "; it had no verified policy, so it is not supervised"));
        }
    }
}
