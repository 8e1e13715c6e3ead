package io.capgate.agent.fleet.spool;

import java.nio.file.Path;

/**
 * A spool file failed its CRC or structure check. Corrupt records are never returned; this is thrown when a
 * record that was intact when the spool opened no longer is (the file was changed underneath the agent).
 */
public final class SpoolCorruptedException extends SpoolException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    /**
     * Creates the exception.
     *
     * @param file   the damaged file
     * @param offset byte offset of the damaged record or field
     * @param what   what was wrong there
     */
    public SpoolCorruptedException(Path file, long offset, String what) {
        super("%s is corrupt at byte %d: %s".formatted(file, offset, what), null);
        this.file = file;
        this.offset = offset;
    }

    /** The damaged file. */
    public Path file() {
        return file;
    }

    /** Byte offset of the damage. */
    public long offset() {
        return offset;
    }
}
