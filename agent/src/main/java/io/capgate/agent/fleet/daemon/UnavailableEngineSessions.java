package io.capgate.agent.fleet.daemon;

import io.capgate.agent.fleet.supervision.EngineSessions;
import io.capgate.agent.fleet.supervision.SessionFailure;
import io.capgate.agent.fleet.supervision.SessionId;
import io.capgate.agent.fleet.supervision.SessionSpec;
import io.capgate.agent.fleet.supervision.SessionStartException;
import io.capgate.model.protocol.StatusReason;

/**
 * Engine sessions where the engine cannot run: every start fails with the given reason, so every service process
 * is reported NOT_PROTECTED with why instead of silently unsupervised.
 */
public final class UnavailableEngineSessions implements EngineSessions {

    private final SessionFailure failure;

    /** @param reason why no session can start; the detail says what to do */
    public UnavailableEngineSessions(StatusReason reason, String detail) {
        this.failure = new SessionFailure(reason, detail);
    }

    @Override
    public void start(SessionId id, SessionSpec spec, Listener listener) throws SessionStartException {
        throw new SessionStartException(failure, null);
    }

    @Override
    public void stop(SessionId id) {
        // nothing ever started
    }
}
