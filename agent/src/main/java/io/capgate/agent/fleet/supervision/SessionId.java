package io.capgate.agent.fleet.supervision;

/**
 * One engine session, named by {@link SupervisionLoop} when it starts it.
 *
 * @param value unique within the agent's run
 */
public record SessionId(long value) {

    @Override
    public String toString() {
        return "session-" + value;
    }
}
