package io.capgate.agent.engine;

import io.capgate.model.manifest.ModulePolicy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Small integer ids for modules, carried in the low 16 bits of the kernel's attribution keys.
 * Fixed ids for the stdlib marker and the pseudo modules, then manifest modules in name order from 16.
 */
public final class ModuleIds {

    public static final int STDLIB = 1;
    public static final int INTERPRETER = 2;
    public static final int EXEC = 3;
    /** A non-stdlib file under a known root that the manifest does not name: gets the defaults only. */
    public static final int UNLISTED = 4;
    /** A non-stdlib file outside the app root and site dirs. */
    public static final int UNKNOWN = 5;
    public static final int STDIN = 6;
    public static final int STRING = 7;
    private static final int FIRST_MODULE = 16;
    private static final int MAX_ID = 0xffff;

    private final Map<String, Integer> ids = new LinkedHashMap<>();

    private ModuleIds() {
        ids.put(ModulePolicy.INTERPRETER, INTERPRETER);
        ids.put(ModulePolicy.EXEC, EXEC);
        ids.put(ModulePolicy.UNKNOWN, UNKNOWN);
        ids.put(ModulePolicy.STDIN, STDIN);
        ids.put(ModulePolicy.STRING, STRING);
    }

    public static ModuleIds forModules(Collection<String> moduleNames) {
        ModuleIds m = new ModuleIds();
        int next = FIRST_MODULE;
        for (String name : new TreeSet<>(moduleNames)) {
            if (m.ids.containsKey(name)) {
                continue;
            }
            if (next > MAX_ID) {
                throw new IllegalArgumentException("a manifest can name at most " + (MAX_ID - FIRST_MODULE) + " modules");
            }
            m.ids.put(name, next++);
        }
        return m;
    }

    public Optional<Integer> id(String module) {
        return Optional.ofNullable(ids.get(module));
    }

    /** The module name for an id; {@code null} for the stdlib marker and for unlisted files. */
    public Optional<String> name(int id) {
        return ids.entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey).findFirst();
    }

    /** Every name and id, pseudo modules first, then manifest modules in name order (a stable order). */
    public Map<String, Integer> all() {
        return java.util.Collections.unmodifiableMap(ids);
    }
}
