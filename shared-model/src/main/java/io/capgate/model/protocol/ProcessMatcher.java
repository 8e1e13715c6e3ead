package io.capgate.model.protocol;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How an agent recognises the processes of an assigned service.
 *
 * <p>Wire: {@code u8 kind} then the kind's fields: {@code 1} {@link Executable} ({@code string path,
 * string argumentRegex}), {@code 2} {@link SystemdUnit} ({@code string unit}).
 */
public sealed interface ProcessMatcher {

    /** The {@code u8} kind id on the wire. */
    int kind();

    /**
     * Processes running {@code path} whose arguments, joined with single spaces, match {@code argumentRegex}
     * somewhere ({@link java.util.regex.Matcher#find()}); an empty regex matches every argument list.
     *
     * @param path          absolute path of the executable, usually the Python interpreter
     * @param argumentRegex a {@link Pattern} that must compile
     */
    record Executable(String path, String argumentRegex) implements ProcessMatcher {

        public static final int KIND = 1;

        public Executable {
            Checks.nonBlank(path, "path", Limits.MAX_PATH_BYTES);
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must be absolute");
            }
            Checks.text(argumentRegex, "argumentRegex", Limits.MAX_TEXT_BYTES);
            try {
                Pattern.compile(argumentRegex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("argumentRegex does not compile: " + e.getDescription()
                        + " near index " + e.getIndex(), e);
            }
        }

        @Override
        public int kind() {
            return KIND;
        }
    }

    /**
     * The processes in a systemd unit's cgroup.
     *
     * @param unit the unit's name, such as {@code billing.service}
     */
    record SystemdUnit(String unit) implements ProcessMatcher {

        public static final int KIND = 2;

        public SystemdUnit {
            Checks.nonBlank(unit, "unit", Limits.MAX_NAME_BYTES);
        }

        @Override
        public int kind() {
            return KIND;
        }
    }
}
