package io.capgate.agent.engine;

import java.util.Map;
import java.util.Objects;

/**
 * The interpreter facts a script needs.
 *
 * @param version            e.g. {@code 3.11.2}
 * @param offsets            struct offsets by the names of {@code cpython-3.X.properties}
 * @param runtimeBinary      the ELF file that defines {@code _PyRuntime} (executable or libpython)
 * @param startSymbol        a function in that file run once before any Python code ({@code Py_BytesMain})
 * @param startSymbolValue   its ELF symbol value
 * @param runtimeSymbolValue {@code _PyRuntime}'s ELF symbol value
 */
public record PythonTarget(String version, Map<String, Long> offsets, String runtimeBinary, String startSymbol,
                           long startSymbolValue, long runtimeSymbolValue) {

    public PythonTarget {
        Objects.requireNonNull(version, "version");
        offsets = Map.copyOf(offsets);
        Objects.requireNonNull(runtimeBinary, "runtimeBinary");
        Objects.requireNonNull(startSymbol, "startSymbol");
    }

    public long offset(String name) {
        Long v = offsets.get(name);
        if (v == null) {
            throw new IllegalStateException("offsets for CPython " + version + " lack '" + name + "'");
        }
        return v;
    }

    public String minor() {
        String[] p = version.split("\\.");
        return p[0] + "." + p[1];
    }
}
