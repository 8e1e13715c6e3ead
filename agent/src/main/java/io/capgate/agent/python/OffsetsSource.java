package io.capgate.agent.python;

import java.util.List;
import java.util.Optional;

/**
 * Where struct offsets for an interpreter version come from. Today: {@link BundledOffsets}
 * (generated resources). CPython 3.13+ embeds them in {@code _PyRuntime}; a source reading
 * that block will use the {@link RuntimeBytes} argument.
 */
public interface OffsetsSource {

    /**
     * The offsets for this interpreter, or empty when this source does not know it.
     *
     * @param version the interpreter's version
     * @param runtime the interpreter's {@code _PyRuntime} bytes, for sources that read them;
     *     may be {@link RuntimeBytes#NONE}
     */
    Optional<PythonOffsets> offsetsFor(PythonVersion version, RuntimeBytes runtime);

    /** What this source covers, for error messages, e.g. {@code "bundled offsets for 3.11"}. */
    String describe();

    /** A source that asks each of {@code sources} in turn and returns the first answer. */
    static OffsetsSource firstOf(List<OffsetsSource> sources) {
        List<OffsetsSource> copy = List.copyOf(sources);
        return new OffsetsSource() {
            @Override
            public Optional<PythonOffsets> offsetsFor(PythonVersion version, RuntimeBytes runtime) {
                return copy.stream().map(s -> s.offsetsFor(version, runtime)).flatMap(Optional::stream).findFirst();
            }

            @Override
            public String describe() {
                return String.join("; ", copy.stream().map(OffsetsSource::describe).toList());
            }
        };
    }
}
