package io.capgate.agent.fleet.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A directory laid out like /proc, for {@link LinuxProcessTable}. */
final class FakeProc {

    final Path root;

    FakeProc(Path root) {
        this.root = root;
    }

    /** A process with an executable, a command line, a stat line and the cgroup of a plain shell session. */
    FakeProc process(int pid, String exe, String... argv) {
        return process(pid, 1, 1000L + pid, exe, argv);
    }

    FakeProc process(int pid, int ppid, long startTicks, String exe, String... argv) {
        try {
            Path dir = Files.createDirectories(root.resolve(Integer.toString(pid)));
            Files.deleteIfExists(dir.resolve("exe"));
            Files.createSymbolicLink(dir.resolve("exe"), Path.of(exe));
            Files.write(dir.resolve("cmdline"), (String.join("\0", argv) + "\0").getBytes(StandardCharsets.UTF_8));
            // comm may hold spaces and ')'; fields 3 to 21, then 22 is the start time
            Files.writeString(dir.resolve("stat"), "%d (%s) S %d %d %d 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 %d 0"
                    .formatted(pid, "py thon) x", ppid, pid, pid, startTicks));
            cgroup(pid, "0::/user.slice/user-1000.slice/session-2.scope");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    FakeProc cgroup(int pid, String... lines) {
        write(pid, "cgroup", String.join("\n", lines) + "\n");
        return this;
    }

    FakeProc write(int pid, String file, String content) {
        try {
            Files.writeString(root.resolve(Integer.toString(pid)).resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A kernel thread: its exe link cannot be read, its command line is empty. */
    FakeProc kernelThread(int pid) {
        try {
            Path dir = Files.createDirectories(root.resolve(Integer.toString(pid)));
            Files.write(dir.resolve("cmdline"), new byte[0]);
            Files.writeString(dir.resolve("stat"), pid + " (kthreadd) S 0 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 2 0");
            Files.writeString(dir.resolve("cgroup"), "0::/\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    FakeProc exit(int pid) {
        try (Stream<Path> files = Files.walk(root.resolve(Integer.toString(pid)))) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A file tree with {@code bin/python3 -> python3.11}, as Debian installs it. */
    static Path interpreterTree(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("python3.11"), "#!fake\n");
        Files.createSymbolicLink(bin.resolve("python3"), Path.of("python3.11"));
        return bin;
    }

    static List<Integer> pids(List<DiscoveredProcess> processes) {
        return processes.stream().map(DiscoveredProcess::pid).toList();
    }
}
