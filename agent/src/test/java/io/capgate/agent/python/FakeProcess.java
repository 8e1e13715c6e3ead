package io.capgate.agent.python;

import io.capgate.agent.python.elf.ElfException;
import io.capgate.agent.python.elf.ElfFile;
import io.capgate.agent.python.elf.ElfSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes ELF files into a temp dir and builds matching /proc/PID/maps text, as the kernel would map them. */
final class FakeProcess {

    private final Path dir;
    private final StringBuilder maps = new StringBuilder();
    private int inode = 100;

    FakeProcess(Path dir) {
        this.dir = dir;
    }

    /**
     * Maps {@code bytes} as {@code path} at {@code bias} (0 for ET_EXEC): one line per PT_LOAD.
     *
     * @return the local copy to serve for that path
     */
    Path map(String path, byte[] bytes, long bias) throws IOException {
        Path local = dir.resolve(Path.of(path).getFileName().toString());
        Files.write(local, bytes);
        ElfFile elf = ElfFile.parse(ByteBuffer.wrap(bytes), path);
        inode++;
        for (ElfSegment s : elf.loadSegments()) {
            long start = bias + (s.vaddr() & ~0xfffL);
            long end = (bias + s.vaddr() + s.memSize() + 0xfff) & ~0xfffL;
            String perms = ((s.flags() & ElfSegment.PF_R) != 0 ? "r" : "-") + ((s.flags() & ElfSegment.PF_W) != 0 ? "w" : "-")
                    + ((s.flags() & ElfSegment.PF_X) != 0 ? "x" : "-") + "p";
            maps.append("%x-%x %s %08x fd:00 %d %s\n".formatted(start, end, perms, s.offset() & ~0xfffL, inode, path));
        }
        return local;
    }

    /** Adds a non-file line. */
    FakeProcess anonymous(String line) {
        maps.append(line).append('\n');
        return this;
    }

    String maps() {
        return maps.toString();
    }

    static ElfFile parse(byte[] bytes) throws ElfException {
        return ElfFile.parse(ByteBuffer.wrap(bytes), "bytes");
    }
}
