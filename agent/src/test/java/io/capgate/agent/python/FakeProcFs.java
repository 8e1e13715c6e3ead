package io.capgate.agent.python;

import io.capgate.agent.os.MemoryMapping;
import io.capgate.agent.os.NoSuchProcessException;
import io.capgate.agent.os.ProcFs;
import io.capgate.agent.os.ProcMaps;
import io.capgate.agent.os.ProcStatus;
import io.capgate.agent.os.ProcessMemory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One fake process: maps text, exe link, mapped files redirected to local files, fake memory. */
final class FakeProcFs implements ProcFs {

    final int pid;
    final String maps;
    final Path exe;
    final Map<String, Path> files = new HashMap<>();
    final FakeMemory memory = new FakeMemory();
    int memoryOpens;

    FakeProcFs(int pid, String maps, Path exe) {
        this.pid = pid;
        this.maps = maps;
        this.exe = exe;
    }

    FakeProcFs file(String mappedPath, Path localCopy) {
        files.put(mappedPath, localCopy);
        return this;
    }

    @Override
    public List<MemoryMapping> maps(int pid) throws IOException {
        check(pid);
        return ProcMaps.parse(maps, "/proc/" + pid + "/maps");
    }

    @Override
    public Path exe(int pid) throws IOException {
        check(pid);
        return exe;
    }

    @Override
    public ProcStatus status(int pid) throws IOException {
        check(pid);
        return new ProcStatus("fake", pid, 1, 0, 0);
    }

    @Override
    public Path mappedFile(int pid, MemoryMapping mapping) {
        return files.getOrDefault(mapping.filePath(), Path.of("/nonexistent" + mapping.filePath()));
    }

    @Override
    public ProcessMemory openMemory(int pid, boolean writable) throws IOException {
        check(pid);
        memoryOpens++;
        return new ProcessMemory() {
            private boolean closed;

            @Override
            public void read(long address, byte[] destination) throws IOException {
                open();
                memory.read(address, destination);
            }

            @Override
            public void write(long address, byte[] source) throws IOException {
                open();
                memory.write(address, source);
            }

            private void open() throws IOException {
                if (closed) {
                    throw new IOException("handle closed");
                }
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    private void check(int pid) throws NoSuchProcessException {
        if (pid != this.pid) {
            throw new NoSuchProcessException(pid, null);
        }
    }
}
