package io.capgate.agent.cli;

import io.capgate.agent.engine.EngineMode;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code log}, {@code stop} or {@code kill}; {@code trace} does not enforce, so it is refused. */
final class EnforceModeConverter implements ITypeConverter<EngineMode> {

    @Override
    public EngineMode convert(String value) {
        EngineMode mode;
        try {
            mode = EngineMode.fromWord(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
        if (!mode.enforces()) {
            throw new TypeConversionException("'" + value + "' does not enforce; use log, stop or kill"
                    + " (to record a program, use capgate trace)");
        }
        return mode;
    }

    /** The completion candidates and the values shown in help. */
    static final class Candidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.List.of("log", "stop", "kill").iterator();
        }
    }
}
