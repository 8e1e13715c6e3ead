package io.capgate.agent.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** {@link ProcFs} over the real {@code /proc} (or another mount of procfs). */
public final class LinuxProcFs implements ProcFs {

    private final Path procRoot;

    /** Reads {@code /proc}. */
    public LinuxProcFs() {
        this(Path.of("/proc"));
    }

    /**
     * Reads procfs mounted somewhere else (tests, or a host /proc seen from a container).
     *
     * @param procRoot where procfs is mounted
     */
    public LinuxProcFs(Path procRoot) {
        this.procRoot = procRoot;
    }

    @Override
    public List<MemoryMapping> maps(int pid) throws IOException {
        Path file = dir(pid).resolve("maps");
        return ProcMaps.parse(readText(pid, file), file.toString());
    }

    @Override
    public Path exe(int pid) throws IOException {
        Path link = dir(pid).resolve("exe");
        try {
            return Files.readSymbolicLink(link);
        } catch (NoSuchFileException e) {
            throw gone(pid, e);
        }
    }

    @Override
    public ProcStatus status(int pid) throws IOException {
        Path file = dir(pid).resolve("status");
        return ProcStatus.parse(readText(pid, file), file.toString());
    }

    @Override
    public Path mappedFile(int pid, MemoryMapping mapping) {
        if (mapping.isDeleted()) {
            return dir(pid).resolve("map_files").resolve("%x-%x".formatted(mapping.start(), mapping.end()));
        }
        return dir(pid).resolve("root").resolve(mapping.filePath().substring(1));
    }

    @Override
    public ProcessMemory openMemory(int pid, boolean writable) throws IOException {
        try {
            return ProcMemFile.open(dir(pid).resolve("mem"), writable);
        } catch (NoSuchFileException e) {
            throw gone(pid, e);
        }
    }

    private Path dir(int pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("not a process id: " + pid);
        }
        return procRoot.resolve(Integer.toString(pid));
    }

    private NoSuchProcessException gone(int pid, IOException cause) {
        return new NoSuchProcessException(pid, cause);
    }

    private String readText(int pid, Path file) throws IOException {
        try {
            // Lenient UTF-8: paths are raw bytes; an odd byte must not make the whole file unreadable.
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw gone(pid, e);
        }
    }
}
