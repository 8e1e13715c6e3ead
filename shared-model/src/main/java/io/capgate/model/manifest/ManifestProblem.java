package io.capgate.model.manifest;

import java.util.Objects;

/**
 * One thing wrong with a manifest document, at a 1-based position.
 *
 * <p>Problems about the whole document (too large, not UTF-8, an alias limit hit) are reported at line 1,
 * column 1.
 *
 * @param source  the file name or other label the text came from
 * @param line    1-based line
 * @param column  1-based column
 * @param message what is wrong, in one line; user supplied values in it are quoted and escaped
 */
public record ManifestProblem(String source, int line, int column, String message) {

    public ManifestProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
        }
    }

    /** {@code source:line:column: message}, the format editors and CI annotations understand. */
    @Override
    public String toString() {
        return source + ":" + line + ":" + column + ": " + message;
    }
}
