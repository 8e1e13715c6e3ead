package io.capgate.agent.engine;

import java.util.List;
import java.util.Objects;

/**
 * Where a target interpreter's code lives, as directory paths ending in {@code /}.
 *
 * @param stdlibDirs standard library directories (transparent for attribution)
 * @param siteDirs   site-packages / dist-packages directories (top-level package = module)
 * @param appRoot    the application root (dotted module names are relative to it)
 */
public record PythonPaths(List<String> stdlibDirs, List<String> siteDirs, String appRoot) {

    public PythonPaths {
        stdlibDirs = stdlibDirs.stream().map(PythonPaths::dir).distinct().toList();
        siteDirs = siteDirs.stream().map(PythonPaths::dir).distinct().toList();
        appRoot = dir(Objects.requireNonNull(appRoot, "appRoot"));
    }

    static String dir(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute directory: " + path);
        }
        return path.endsWith("/") ? path : path + "/";
    }
}
