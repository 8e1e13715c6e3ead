package io.capgate.agent.python;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The process or executable is not a CPython interpreter Capgate can walk: not CPython at all,
 * or a version without known struct offsets. The message names the binary and version and says
 * how to add offsets.
 */
public class UnsupportedInterpreterException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Hint appended when offsets are missing for a version the generator supports. */
    public static final String HOW_TO_ADD = "to add them, install python%s-dev (or use that interpreter's own"
            + " include directory) and run tools/offsets/gen-offsets.sh --python <that python%s> -o"
            + " agent/src/main/resources/" + BundledOffsets.DIRECTORY + "cpython-%s.properties";

    private final transient Path binary;
    private final transient PythonVersion version;

    /**
     * Creates the exception.
     *
     * @param message the full explanation
     * @param binary the file that was inspected
     * @param version the interpreter version, or null when it is not CPython
     */
    public UnsupportedInterpreterException(String message, Path binary, PythonVersion version) {
        super(message);
        this.binary = binary;
        this.version = version;
    }

    /** A CPython whose version has no offsets in {@code source}. */
    static UnsupportedInterpreterException noOffsets(String what, Path binary, PythonVersion version,
            OffsetsSource source) {
        String feature = version.feature();
        String hint = version.compareTo(new PythonVersion(3, 13, 0)) >= 0
                ? "CPython 3.13+ publishes its offsets in _PyRuntime (_Py_DebugOffsets), which Capgate does not read yet"
                : version.compareTo(new PythonVersion(3, 11, 0)) < 0
                        ? "Capgate's stack walker needs the 3.11+ frame layout"
                        : HOW_TO_ADD.formatted(feature, feature, feature);
        return new UnsupportedInterpreterException("%s: %s is CPython %s, but there are no struct offsets for %s (%s); %s"
                .formatted(what, binary, version, feature, source.describe(), hint), binary, version);
    }

    /** The inspected file. */
    public Path binary() {
        return binary;
    }

    /** The version, empty when the binary is not CPython. */
    public Optional<PythonVersion> version() {
        return Optional.ofNullable(version);
    }
}
