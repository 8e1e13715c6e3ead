package io.capgate.agent.fleet.discovery;

import io.capgate.agent.os.NoSuchProcessException;
import io.capgate.agent.os.ProcFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@link ProcessTable} over a procfs mount, or over a directory tree laid out like one. */
public final class LinuxProcessTable implements ProcessTable {

    private final Path procRoot;

    /** Reads {@code /proc}. */
    public LinuxProcessTable() {
        this(Path.of("/proc"));
    }

    /**
     * Reads procfs mounted elsewhere, or a fake tree.
     *
     * @param procRoot the directory holding one directory per pid
     */
    public LinuxProcessTable(Path procRoot) {
        this.procRoot = procRoot;
    }

    @Override
    public List<Integer> pids() throws IOException {
        List<Integer> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(procRoot)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.length() <= 10 && name.chars().allMatch(Character::isDigit)) {
                    long pid = Long.parseLong(name);
                    if (pid > 0 && pid <= Integer.MAX_VALUE) {
                        pids.add((int) pid);
                    }
                }
            }
        }
        pids.sort(null);
        return pids;
    }

    @Override
    public String executable(int pid) throws IOException {
        try {
            return Files.readSymbolicLink(dir(pid).resolve("exe")).toString();
        } catch (NoSuchFileException e) {
            throw new NoSuchProcessException(pid, e);
        }
    }

    @Override
    public List<String> commandLine(int pid) throws IOException {
        byte[] raw = read(pid, "cmdline");
        int end = raw.length;
        if (end > 0 && raw[end - 1] == 0) {
            end--;
        }
        if (end == 0) {
            return List.of();
        }
        return Arrays.asList(new String(raw, 0, end, StandardCharsets.UTF_8).split("\0", -1));
    }

    @Override
    public List<String> cgroups(int pid) throws IOException {
        return new String(read(pid, "cgroup"), StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty()).toList();
    }

    @Override
    public Stat stat(int pid) throws IOException {
        String file = dir(pid).resolve("stat").toString();
        String text = new String(read(pid, "stat"), StandardCharsets.UTF_8).strip();
        // comm (field 2) is in parentheses and may itself contain spaces and ')': split after the last ')'.
        int close = text.lastIndexOf(')');
        String[] rest = close < 0 ? new String[0] : text.substring(close + 1).strip().split(" ");
        if (rest.length < 20) {
            throw new ProcFormatException(file + ": expected at least 22 fields, got: " + text);
        }
        try {
            return new Stat(Integer.parseInt(rest[1]), Long.parseLong(rest[19]));
        } catch (NumberFormatException e) {
            throw new ProcFormatException(file + ": parent pid or start time is not a number: " + text);
        }
    }

    private byte[] read(int pid, String name) throws IOException {
        try {
            return Files.readAllBytes(dir(pid).resolve(name));
        } catch (NoSuchFileException e) {
            throw new NoSuchProcessException(pid, e);
        }
    }

    private Path dir(int pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("not a process id: " + pid);
        }
        return procRoot.resolve(Integer.toString(pid));
    }
}
