package io.capgate.agent.supervise;

import io.capgate.agent.engine.PythonPaths;
import io.capgate.agent.python.InterpreterFacts;
import io.capgate.agent.python.ResolvedInterpreter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where module names start: the entry script's folder for {@code python script.py}; the working directory
 * for {@code python -m}, {@code -c} and console scripts ({@code uvicorn app.main:app}); {@code --app-root} wins.
 */
final class AppRoots {

    private AppRoots() {
    }

    static PythonPaths paths(InterpreterFacts facts, ResolvedInterpreter resolved, List<String> command, Path override) {
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
        Path cwd = Path.of("").toAbsolutePath();
        Path root = override != null ? override.toAbsolutePath() : appRoot(resolved, command, cwd);
        return new PythonPaths(std, site, root.normalize().toString());
    }

    private static Path appRoot(ResolvedInterpreter resolved, List<String> command, Path cwd) {
        if (resolved.isScript()) {
            return cwd;
        }
        for (int i = 1; i < command.size(); i++) {
            String a = command.get(i);
            if (a.equals("-m") || a.equals("-c") || a.equals("-")) {
                return cwd;
            }
            if (!a.startsWith("-")) {
                Path script = cwd.resolve(a).toAbsolutePath().normalize();
                return script.getParent() == null ? cwd : script.getParent();
            }
        }
        return cwd;
    }
}
