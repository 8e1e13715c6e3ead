package io.capgate.templates;

/** A template could not be rendered: an unknown or unfilled slot, or a value that failed its grammar. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
