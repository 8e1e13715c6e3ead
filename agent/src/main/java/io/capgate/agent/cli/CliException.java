package io.capgate.agent.cli;

import java.util.List;

/**
 * An expected failure of a verb: printed without a stack trace, as the {@code details} lines as they are (for
 * {@code file:line:col: message} problems) and then {@code capgate: message}, and mapped to {@code exitCode}.
 */
final class CliException extends Exception {

    private final int exitCode;
    private final List<String> details;

    CliException(int exitCode, String message) {
        this(exitCode, message, List.of());
    }

    /**
     * @param message the summary printed after the details as {@code capgate: message}, or null for none
     * @param details lines printed first, unprefixed
     */
    CliException(int exitCode, String message, List<String> details) {
        super(message);
        this.exitCode = exitCode;
        this.details = List.copyOf(details);
    }

    int exitCode() {
        return exitCode;
    }

    List<String> details() {
        return details;
    }
}
