package io.capgate.agent.fleet.supervision;

import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.Violation;
import java.util.List;

/**
 * Where engine sessions deliver what they record, already in protocol form (strings clipped with
 * {@code Limits.clip}). The agent implements it by appending to its spool, so delivery survives a portal outage and
 * an agent restart. Called from engine threads: implementations return quickly and never block enforcement (a
 * full spool counts a drop instead of waiting).
 */
public interface EngineOutput {

    /** One window of aggregated observations of an OBSERVE session; every entry names its service. */
    void observations(List<ObservationEntry> entries);

    /** One violation; its request id and sequence are placeholders the spool replaces. */
    void violation(Violation violation);

    /** bpftrace reported {@code events} lost in its kernel buffer while supervising {@code serviceId}. */
    void kernelEventsLost(String serviceId, long events);
}
