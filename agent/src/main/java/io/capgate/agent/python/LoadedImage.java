package io.capgate.agent.python;

import io.capgate.agent.os.MemoryMapping;
import io.capgate.agent.os.ProcFs;
import io.capgate.agent.python.elf.ElfFile;
import io.capgate.agent.python.elf.ElfSegment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ELF file as mapped into a process, with its load bias: run-time address = bias +
 * link-time address. The bias is 0 for a non-PIE executable (ET_EXEC) and the load address
 * for a PIE executable or shared library whose first segment is linked at 0.
 *
 * @param path the file as named in {@code /proc/PID/maps} (without {@code " (deleted)"})
 * @param elf the parsed file, opened through {@link ProcFs#mappedFile}
 * @param bias the load bias
 */
public record LoadedImage(Path path, ElfFile elf, long bias) {

    private static final long PAGE = 4096;

    /** The run-time address of a link-time address of this file. */
    public long runtimeAddress(long linkTimeAddress) {
        return bias + linkTimeAddress;
    }

    /**
     * Groups file-backed mappings by file, keeping first-seen order.
     *
     * @return file path → its mappings in address order
     */
    public static Map<String, List<MemoryMapping>> byFile(List<MemoryMapping> maps) {
        Map<String, List<MemoryMapping>> files = new LinkedHashMap<>();
        for (MemoryMapping m : maps) {
            if (m.isFileBacked()) {
                files.computeIfAbsent(m.filePath(), k -> new ArrayList<>()).add(m);
            }
        }
        return files;
    }

    /**
     * Opens the file behind {@code mappings} (all of one file) and computes its bias.
     *
     * @throws IOException when the file cannot be read or parsed as ELF, or no mapping matches
     *     one of its PT_LOAD segments
     */
    public static LoadedImage open(ProcFs procFs, int pid, List<MemoryMapping> mappings) throws IOException {
        MemoryMapping first = mappings.get(0);
        ElfFile elf = ElfFile.open(procFs.mappedFile(pid, first));
        return new LoadedImage(Path.of(first.filePath()), elf, bias(elf, mappings));
    }

    /**
     * The load bias from the mappings of one file. The kernel maps each PT_LOAD at
     * {@code bias + pageDown(p_vaddr)} from file offset {@code pageDown(p_offset)}; a mapping whose
     * offset equals a segment's page-aligned offset therefore gives
     * {@code bias = start - pageDown(p_vaddr)}. Mappings split later (RELRO) start mid-segment and
     * are skipped; the last page of one segment may share its file offset with the next, so
     * the segment whose permissions match the mapping is preferred.
     *
     * @throws IOException when no mapping lines up with a PT_LOAD segment
     */
    static long bias(ElfFile elf, List<MemoryMapping> mappings) throws IOException {
        for (MemoryMapping m : mappings) {
            ElfSegment fallback = null;
            for (ElfSegment segment : elf.loadSegments()) {
                if (pageDown(segment.offset()) != m.offset()) {
                    continue;
                }
                if (permissionsMatch(segment, m)) {
                    return m.start() - pageDown(segment.vaddr());
                }
                if (fallback == null) {
                    fallback = segment;
                }
            }
            if (fallback != null) {
                return m.start() - pageDown(fallback.vaddr());
            }
        }
        throw new IOException("%s: no mapping lines up with a PT_LOAD segment (mappings at offsets %s)"
                .formatted(elf.origin(), mappings.stream().map(m -> Long.toHexString(m.offset())).toList()));
    }

    private static boolean permissionsMatch(ElfSegment segment, MemoryMapping m) {
        return ((segment.flags() & ElfSegment.PF_X) != 0) == m.executable()
                && ((segment.flags() & ElfSegment.PF_W) != 0) == m.writable();
    }

    private static long pageDown(long value) {
        return value & ~(PAGE - 1);
    }
}
