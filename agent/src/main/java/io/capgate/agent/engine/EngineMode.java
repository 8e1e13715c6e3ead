package io.capgate.agent.engine;

import java.util.Locale;

/** What the engine does with a syscall outside the manifest. Codes are the template's {@code mode} values. */
public enum EngineMode {
    TRACE(0, "trace"),
    LOG(1, "log"),
    STOP(2, "stop"),
    KILL(3, "kill");

    private final int code;
    private final String word;

    EngineMode(int code, String word) {
        this.code = code;
        this.word = word;
    }

    public int code() {
        return code;
    }

    /** The action word used in violation reports ({@code log}, {@code stop}, {@code kill}). */
    public String word() {
        return word;
    }

    public boolean enforces() {
        return this != TRACE;
    }

    public static EngineMode fromWord(String word) {
        for (EngineMode m : values()) {
            if (m.word.equals(word.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + word + "'; use log, stop or kill");
    }
}
