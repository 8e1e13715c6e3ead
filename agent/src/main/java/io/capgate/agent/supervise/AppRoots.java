package io.capgate.agent.supervise;

import io.capgate.agent.engine.PythonPaths;
import io.capgate.agent.python.InterpreterFacts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where module names start: the entry script's folder for {@code python script.py}; the working directory
 * for {@code python -m}, {@code -c}, the REPL and console scripts ({@code uvicorn app.main:app}, a script in
 * a {@code bin} folder); {@code --app-root} wins.
 */
final class AppRoots {

    private AppRoots() {
    }

    static PythonPaths paths(InterpreterFacts facts, Path root) {
        List<String> std = new ArrayList<>();
        for (Path p : new Path[] {facts.stdlib(), facts.platstdlib()}) {
            if (p != null) {
                std.add(p.toString());
                std.add(p.resolve("lib-dynload").toString());
            }
        }
        List<String> site = new ArrayList<>();
        facts.sitePackages().forEach(p -> site.add(p.toString()));
        for (Path p : new Path[] {facts.purelib(), facts.platlib(), facts.userSite()}) {
            if (p != null) {
                site.add(p.toString());
            }
        }
        return new PythonPaths(std, site, root.normalize().toString());
    }

    /**
     * @param argv      the command line (argv[0] the interpreter or a script)
     * @param isScript  argv[0] itself is a script with a Python shebang
     * @param cwd       the process's working directory
     * @param override  {@code --app-root}, or null
     */
    static Path root(List<String> argv, boolean isScript, Path cwd, Path override) {
        if (override != null) {
            return cwd.resolve(override).toAbsolutePath().normalize();
        }
        if (isScript) {
            return scriptRoot(cwd.resolve(argv.get(0)), cwd);
        }
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("-m") || a.equals("-c") || a.equals("-")) {
                return cwd;
            }
            if (a.startsWith("-")) {
                if (a.equals("-W") || a.equals("-X")) {
                    i++;
                }
                continue;
            }
            return scriptRoot(cwd.resolve(a), cwd);
        }
        return cwd;
    }

    /** A script's folder, except for console scripts installed in a bin folder, which name from the cwd. */
    private static Path scriptRoot(Path script, Path cwd) {
        Path dir = script.toAbsolutePath().normalize().getParent();
        if (dir == null || dir.getFileName() == null) {
            return cwd;
        }
        String name = dir.getFileName().toString();
        return name.equals("bin") || name.equals("sbin") ? cwd : dir;
    }
}
