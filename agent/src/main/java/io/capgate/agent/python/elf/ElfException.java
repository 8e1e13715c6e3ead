package io.capgate.agent.python.elf;

import java.io.IOException;

/** The file is not an ELF64 little-endian file, or it is truncated or malformed. */
public class ElfException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the file and the structure that failed
     */
    public ElfException(String message) {
        super(message);
    }
}
