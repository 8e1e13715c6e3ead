package io.capgate.model.protocol;

import java.util.Optional;

/** What the agent did about a violation; a {@code u8} wire id. It can differ from the {@link ServiceMode}. */
public enum ViolationAction {

    /** Only recorded ({@link ServiceMode#OBSERVE}). */
    RECORDED(1),
    /** Reported as an alert, the process continues ({@link ServiceMode#ALERT}). */
    ALERTED(2),
    /** The process was stopped with {@code SIGSTOP} ({@link ServiceMode#STOP}). */
    STOPPED(3),
    /** The process was killed with {@code SIGKILL} ({@link ServiceMode#KILL}). */
    KILLED(4),
    /** The mode asked for stop or kill but the signal failed, for example because the process had exited. */
    ACTION_FAILED(5);

    private static final WireIds<ViolationAction> IDS = WireIds.index(values(), ViolationAction::id, 0xFF);

    private final int id;

    ViolationAction(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static Optional<ViolationAction> byId(int id) {
        return IDS.find(id);
    }
}
