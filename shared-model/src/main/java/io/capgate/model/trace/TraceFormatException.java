package io.capgate.model.trace;

/**
 * A trace file that is not valid JSON or not a valid trace. The message is {@code source:line:column: detail}, the
 * form editors and terminals turn into links.
 */
public final class TraceFormatException extends RuntimeException {

    private final String sourceName;
    private final int line;
    private final int column;
    private final String detail;

    /**
     * @param sourceName where the JSON came from, e.g. a file path
     * @param line       1-based line of the problem
     * @param column     1-based column of the problem
     * @param detail     what is wrong and, where possible, what was expected
     * @param cause      the underlying parser exception, or {@code null}
     */
    public TraceFormatException(String sourceName, int line, int column, String detail, Throwable cause) {
        super(sourceName + ":" + line + ":" + column + ": " + detail, cause);
        this.sourceName = sourceName;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /** Where the JSON came from. */
    public String sourceName() {
        return sourceName;
    }

    /** The 1-based line of the problem. */
    public int line() {
        return line;
    }

    /** The 1-based column of the problem. */
    public int column() {
        return column;
    }

    /** The problem without its location. */
    public String detail() {
        return detail;
    }
}
