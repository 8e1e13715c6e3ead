package io.capgate.agent.python;

/** A bundled or supplied offsets file is incomplete or malformed: a packaging defect. */
public class OffsetsFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which file and which key is wrong
     */
    public OffsetsFormatException(String message) {
        super(message);
    }
}
