package io.capgate.agent.fleet.supervision;

import io.capgate.agent.engine.EngineMode;

/**
 * What the agent does for an assigned service; the agent's form of the protocol's service mode.
 */
public enum SupervisionMode {
    /** Record what the service does, enforce nothing: a trace session. */
    OBSERVE(EngineMode.TRACE),
    /** Report violations, let the process continue. */
    ALERT(EngineMode.LOG),
    /** Report violations and stop the offending process. */
    STOP(EngineMode.STOP),
    /** Report violations and kill the offending process. */
    KILL(EngineMode.KILL);

    private final EngineMode engineMode;

    SupervisionMode(EngineMode engineMode) {
        this.engineMode = engineMode;
    }

    /** The engine mode that implements it. */
    public EngineMode engineMode() {
        return engineMode;
    }
}
