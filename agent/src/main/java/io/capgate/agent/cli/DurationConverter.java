package io.capgate.agent.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 500ms}, {@code 30s}, {@code 2m} and {@code 1h}: a positive whole number and one unit. */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        Matcher m = DURATION.matcher(value == null ? "" : value.strip());
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration; use a whole number and a unit:"
                    + " 500ms, 30s, 2m or 1h");
        }
        long amount = Long.parseLong(m.group(1));
        if (amount == 0) {
            throw new TypeConversionException("'" + value + "' is not a positive duration");
        }
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** The short form for messages: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, else seconds. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
