package io.capgate.agent.fleet.client;

import io.capgate.model.protocol.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Python interpreters installed on this host, for the host facts: executables named {@code pythonX.Y} in the
 * {@code PATH}, the usual system folders and pyenv's versions, each asked {@code --version} (at most a few seconds).
 * pyenv's shims are skipped: they are scripts that pick a version, not interpreters.
 */
final class PythonInterpreters {

    private static final Pattern NAME = Pattern.compile("python\\d+\\.\\d+");
    private static final Pattern VERSION = Pattern.compile("Python (\\d+\\.\\d+\\.\\d+\\S*)");
    private static final List<String> SYSTEM_DIRS = List.of("/usr/bin", "/usr/local/bin", "/bin");

    private PythonInterpreters() {
    }

    /** The distinct versions found on this host, oldest first, at most {@link Limits#MAX_PYTHON_VERSIONS}. */
    static List<String> versions() throws InterruptedException {
        Set<Path> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        SYSTEM_DIRS.forEach(d -> dirs.add(Path.of(d)));
        Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv", "versions");
        try (Stream<Path> versions = Files.isDirectory(pyenv) ? Files.list(pyenv) : Stream.empty()) {
            versions.map(v -> v.resolve("bin")).sorted().forEach(dirs::add);
        } catch (IOException e) {
            // an unreadable pyenv folder hides its versions, nothing more
        }
        return versions(new ArrayList<>(dirs));
    }

    /** The distinct versions of the {@code pythonX.Y} executables in {@code dirs}. */
    static List<String> versions(List<Path> dirs) throws InterruptedException {
        Set<Path> interpreters = new LinkedHashSet<>();
        for (Path dir : dirs) {
            if (dir.getFileName() != null && dir.getFileName().toString().equals("shims")) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    if (NAME.matcher(f.getFileName().toString()).matches() && Files.isExecutable(f)) {
                        interpreters.add(f.toRealPath());
                    }
                }
            } catch (IOException e) {
                // a missing or unreadable folder has no interpreters for us
            }
        }
        Set<String> versions = new TreeSet<>(PythonInterpreters::byNumber);
        for (Path interpreter : interpreters) {
            version(interpreter).ifPresent(versions::add);
            if (versions.size() == Limits.MAX_PYTHON_VERSIONS) {
                break;
            }
        }
        return List.copyOf(versions);
    }

    /** 3.9.18 before 3.10.13: numerically, part by part. */
    private static int byNumber(String a, String b) {
        String[] x = a.split("\\D+");
        String[] y = b.split("\\D+");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].isEmpty() || y[i].isEmpty() ? x[i].compareTo(y[i])
                    : Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return x.length != y.length ? Integer.compare(x.length, y.length) : a.compareTo(b);
    }

    private static Optional<String> version(Path interpreter) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(interpreter.toString(), "--version").redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            Matcher m = VERSION.matcher(new String(p.getInputStream().readNBytes(4096), StandardCharsets.UTF_8));
            return p.exitValue() == 0 && m.find() ? Optional.of(Limits.clip(m.group(1), Limits.MAX_NAME_BYTES))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
