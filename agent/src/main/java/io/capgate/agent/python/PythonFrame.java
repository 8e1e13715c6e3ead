package io.capgate.agent.python;

/**
 * One Python frame read from process memory.
 *
 * @param filename {@code co_filename}
 * @param name {@code co_name}
 * @param qualifiedName {@code co_qualname}
 * @param firstLineNumber {@code co_firstlineno}
 */
public record PythonFrame(String filename, String name, String qualifiedName, int firstLineNumber) {
}
