package io.capgate.agent.python;

import java.io.IOException;

/**
 * Read access to the bytes of one interpreter's {@code _PyRuntime} structure, from a live
 * process or from the initialised data of the ELF file. An {@link OffsetsSource} for 3.13+ will
 * read the {@code _Py_DebugOffsets} block at its start (cookie {@code "xdebugpy"}) through this.
 */
@FunctionalInterface
public interface RuntimeBytes {

    /** Nothing readable: for sources that do not need the runtime's bytes. */
    RuntimeBytes NONE = (offset, length) -> {
        throw new IOException("the _PyRuntime bytes are not available here");
    };

    /**
     * Reads {@code length} bytes at {@code offset} from the start of {@code _PyRuntime}.
     *
     * @throws IOException when they cannot be read
     */
    byte[] read(long offset, int length) throws IOException;
}
