package io.capgate.model.protocol;

/**
 * What an agent lost for one service during a {@link DropReport}'s time range.
 *
 * <p>Wire: {@code string serviceId, i64 observationsDropped, i64 violationsDropped, i64 kernelEventsLost}.
 *
 * @param serviceId           the assigned service
 * @param observationsDropped observation entries the agent dropped because its spool was full
 * @param violationsDropped   violations the agent dropped because its spool was full
 * @param kernelEventsLost    events bpftrace reported lost in its kernel ring buffer
 */
public record ServiceDrops(String serviceId, long observationsDropped, long violationsDropped,
                           long kernelEventsLost) {

    public ServiceDrops {
        Checks.id(serviceId, "serviceId");
        Checks.atLeast(observationsDropped, 0, "observationsDropped");
        Checks.atLeast(violationsDropped, 0, "violationsDropped");
        Checks.atLeast(kernelEventsLost, 0, "kernelEventsLost");
    }
}
