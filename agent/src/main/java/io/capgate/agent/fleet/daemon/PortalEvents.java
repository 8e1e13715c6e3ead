package io.capgate.agent.fleet.daemon;

import io.capgate.agent.fleet.client.AgentConnection;
import io.capgate.model.protocol.Assignments;
import java.util.function.Consumer;

/**
 * The daemon's ear on the portal connection: passes everything on to the log listener and hands ASSIGNMENTS and
 * every newly opened session to the daemon, which moves them off the network's event loop.
 */
final class PortalEvents implements AgentConnection.Listener {

    private final AgentConnection.Listener downstream;
    private final Consumer<Assignments> assignments;
    private final Runnable sessionOpened;

    PortalEvents(AgentConnection.Listener downstream, Consumer<Assignments> assignments, Runnable sessionOpened) {
        this.downstream = downstream;
        this.assignments = assignments;
        this.sessionOpened = sessionOpened;
    }

    @Override
    public void stateChanged(AgentConnection.State state, String detail) {
        downstream.stateChanged(state, detail);
        if (state == AgentConnection.State.OPEN) {
            sessionOpened.run();
        }
    }

    @Override
    public void log(String line) {
        downstream.log(line);
    }

    @Override
    public void assignments(Assignments received) {
        downstream.assignments(received);
        assignments.accept(received);
    }
}
