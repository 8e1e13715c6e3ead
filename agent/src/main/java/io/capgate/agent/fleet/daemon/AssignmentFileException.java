package io.capgate.agent.fleet.daemon;

import java.io.IOException;
import java.util.List;

/** The persisted assignments were refused: damaged, changed outside the agent, or not ours. */
public final class AssignmentFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> serviceIds;

    /**
     * @param serviceIds the services the refused file names, as far as it can still be read (for the report to the
     *                   portal; not trusted for anything else)
     */
    public AssignmentFileException(String message, List<String> serviceIds) {
        super(message);
        this.serviceIds = List.copyOf(serviceIds);
    }

    /** The services the refused file names, as far as it can be read; possibly none. */
    public List<String> serviceIds() {
        return serviceIds;
    }
}
