package io.capgate.agent.engine;

import io.capgate.model.manifest.ModulePolicy;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names the module a Python file belongs to, as a Python user would: the top-level package for files
 * under a site dir, the dotted module relative to the app root for application code, the pseudo modules
 * for {@code <stdin>} and {@code <string>}, {@code <unknown>} for anything else. Stdlib files have no module.
 */
public final class ModuleNamer {

    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Application files are named by their path, so an entry script like my-script.py keeps its name. */
    private static final Pattern APP_PART = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final PythonPaths paths;

    public ModuleNamer(PythonPaths paths) {
        this.paths = paths;
    }

    /** The module for a file, or empty when the file is part of the standard library. */
    public Optional<String> moduleOf(String file) {
        if (file.equals("<stdin>")) {
            return Optional.of(ModulePolicy.STDIN);
        }
        if (file.equals("<string>")) {
            return Optional.of(ModulePolicy.STRING);
        }
        if (file.startsWith("<frozen ")) {
            return Optional.empty();
        }
        // The longest matching root decides, as the kernel's longest registered prefix does.
        int site = longest(paths.siteDirs(), file);
        int std = longest(paths.stdlibDirs(), file);
        int app = file.startsWith(paths.appRoot()) ? paths.appRoot().length() : -1;
        if (site > std && site > app) {
            return Optional.of(topLevel(file.substring(site)));
        }
        if (std >= 0 && std >= app) {
            return Optional.empty();
        }
        if (app >= 0) {
            return Optional.of(dotted(file.substring(app)));
        }
        return Optional.of(ModulePolicy.UNKNOWN);
    }

    private static int longest(java.util.List<String> dirs, String file) {
        return dirs.stream().filter(file::startsWith).mapToInt(String::length).max().orElse(-1);
    }

    private static String topLevel(String relative) {
        int slash = relative.indexOf('/');
        String first = slash < 0 ? relative : relative.substring(0, slash);
        int dot = first.indexOf('.');
        String name = dot < 0 ? first : first.substring(0, dot);
        return IDENT.matcher(name).matches() ? name : ModulePolicy.UNKNOWN;
    }

    private static String dotted(String relative) {
        String noExt = relative.endsWith(".py") ? relative.substring(0, relative.length() - 3) : relative;
        if (noExt.endsWith("/__init__")) {
            noExt = noExt.substring(0, noExt.length() - "/__init__".length());
        }
        String[] parts = noExt.split("/");
        for (String part : parts) {
            if (!APP_PART.matcher(part).matches()) {
                return ModulePolicy.UNKNOWN;
            }
        }
        return String.join(".", parts);
    }
}
