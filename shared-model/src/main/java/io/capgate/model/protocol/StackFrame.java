package io.capgate.model.protocol;

/**
 * One Python stack frame. Every part comes from the watched process: agents {@link Limits#clip clip} them.
 *
 * <p>Wire: {@code string file, string function, i32 line}.
 *
 * @param file     the code's file path, or a pseudo file such as {@code <string>}; non-blank
 * @param function the function's name ({@code <module>} for module level); non-blank
 * @param line     the line number, 0 if unknown
 */
public record StackFrame(String file, String function, int line) {

    public StackFrame {
        Checks.nonBlank(file, "file", Limits.MAX_PATH_BYTES);
        Checks.nonBlank(function, "function", Limits.MAX_NAME_BYTES);
        Checks.atLeast(line, 0, "line");
    }
}
