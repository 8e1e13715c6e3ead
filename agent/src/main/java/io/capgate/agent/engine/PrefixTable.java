package io.capgate.agent.engine;

import io.capgate.model.manifest.ModulePolicy;
import io.capgate.templates.MapEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's path classification table ({@code @pfx}): hashed directory prefixes and exact files mapped
 * to module ids. The kernel takes the longest matching prefix and lets an exact file entry override it.
 */
public final class PrefixTable {

    private final Map<Long, Integer> entries = new LinkedHashMap<>();
    private final List<String> skipped = new ArrayList<>();

    private PrefixTable() {
    }

    /**
     * @param paths   the interpreter's stdlib and site dirs and the app root
     * @param ids     ids of the manifest's modules (pseudo modules included)
     */
    public static PrefixTable build(PythonPaths paths, ModuleIds ids) {
        PrefixTable t = new PrefixTable();
        paths.stdlibDirs().forEach(d -> t.prefix(d, ModuleIds.STDLIB));
        t.prefix("<frozen ", ModuleIds.STDLIB);
        t.prefix(paths.appRoot(), ModuleIds.UNLISTED);
        paths.siteDirs().forEach(d -> t.prefix(d, ModuleIds.UNLISTED));
        t.exact("<stdin>", ModuleIds.STDIN);
        t.exact("<string>", ModuleIds.STRING);
        ids.all().forEach((module, id) -> {
            if (!ModulePolicy.PSEUDO_MODULES.contains(module)) {
                t.module(paths, module, id);
            }
        });
        return t;
    }

    private void module(PythonPaths paths, String module, int id) {
        String rel = module.replace('.', '/');
        exact(paths.appRoot() + rel + ".py", id);
        exact(paths.appRoot() + rel + "/__init__.py", id);
        if (!module.contains(".")) {
            for (String site : paths.siteDirs()) {
                prefix(site + rel + "/", id);
                exact(site + rel + ".py", id);
            }
        }
    }

    private void prefix(String prefix, int id) {
        if (!PathHash.hashable(prefix)) {
            skipped.add(prefix);
            return;
        }
        entries.put(PathHash.prefixKey(prefix), id);
    }

    private void exact(String path, int id) {
        if (!PathHash.hashable(path)) {
            skipped.add(path);
            return;
        }
        entries.put(PathHash.exactKey(path), id);
    }

    public List<MapEntry> mapEntries() {
        List<MapEntry> out = new ArrayList<>();
        entries.forEach((key, id) -> out.add(MapEntry.of("pfx", id, key)));
        return out;
    }

    /** Paths with characters beyond U+00FF, which the kernel cannot match (they fail closed to unlisted). */
    public List<String> skipped() {
        return List.copyOf(skipped);
    }
}
