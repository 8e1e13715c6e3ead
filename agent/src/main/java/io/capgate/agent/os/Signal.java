package io.capgate.agent.os;

/** The signals the agent sends, with their Linux x86-64 numbers. */
public enum Signal {
    /** Not a signal: {@code kill(pid, 0)} only checks that the process exists. */
    NONE(0),
    /** Interrupt, as from Ctrl-C. */
    SIGINT(2),
    /** Unblockable kill. */
    SIGKILL(9),
    /** Polite termination request. */
    SIGTERM(15),
    /** Resume a stopped process. */
    SIGCONT(18),
    /** Unblockable stop. */
    SIGSTOP(19);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    /** The signal number for {@code kill(2)}. */
    public int number() {
        return number;
    }
}
