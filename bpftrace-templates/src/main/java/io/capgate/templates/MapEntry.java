package io.capgate.templates;

import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * One integer-keyed map assignment for a BEGIN block: {@code @map[k1, k2] = value;}.
 *
 * <p>Keys and value are integers by construction, which is what keeps manifests out of program text:
 * module names, paths and programs are turned into ids, hashes and inode numbers before rendering.
 */
public record MapEntry(String map, long[] keys, long value) {

    public MapEntry {
        BpfLiterals.mapName(Objects.requireNonNull(map, "map"));
        if (keys.length == 0 || keys.length > 4) {
            throw new TemplateException("a map entry takes 1 to 4 keys, got " + keys.length);
        }
        keys = keys.clone();
    }

    public static MapEntry of(String map, long value, long... keys) {
        return new MapEntry(map, keys, value);
    }

    String render() {
        String k = LongStream.of(keys).mapToObj(BpfLiterals::integer).collect(Collectors.joining(", "));
        return "  @" + map + "[" + k + "] = " + BpfLiterals.integer(value) + ";";
    }
}
