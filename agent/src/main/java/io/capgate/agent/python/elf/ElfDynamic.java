package io.capgate.agent.python.elf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of the dynamic section ({@code PT_DYNAMIC}) that library lookup needs.
 *
 * @param needed {@code DT_NEEDED} sonames, in order
 * @param runPath {@code DT_RUNPATH} directories (unexpanded, {@code $ORIGIN} kept)
 * @param rpath {@code DT_RPATH} directories (unexpanded)
 * @param soname {@code DT_SONAME}, if any
 */
public record ElfDynamic(List<String> needed, List<String> runPath, List<String> rpath, Optional<String> soname) {

    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_STRTAB = 5;
    private static final long DT_STRSZ = 10;
    private static final long DT_SONAME = 14;
    private static final long DT_RPATH = 15;
    private static final long DT_RUNPATH = 29;
    private static final int ENTRY_SIZE = 16;

    /** An empty dynamic section, as in a static executable. */
    public static final ElfDynamic NONE = new ElfDynamic(List.of(), List.of(), List.of(), Optional.empty());

    /** Copies the lists. */
    public ElfDynamic {
        needed = List.copyOf(needed);
        runPath = List.copyOf(runPath);
        rpath = List.copyOf(rpath);
    }

    static ElfDynamic read(ElfFile elf, ElfData data) throws ElfException {
        ElfSegment dyn = elf.segments().stream().filter(s -> s.type() == ElfSegment.PT_DYNAMIC).findFirst().orElse(null);
        if (dyn == null) {
            return NONE;
        }
        data.check(dyn.offset(), dyn.fileSize(), "dynamic section");
        List<long[]> entries = new ArrayList<>();
        long strtab = -1;
        long strsz = -1;
        for (long at = dyn.offset(); at + ENTRY_SIZE <= dyn.offset() + dyn.fileSize(); at += ENTRY_SIZE) {
            long tag = data.u64(at, "d_tag");
            long value = data.u64(at + 8, "d_val");
            if (tag == DT_NULL) {
                break;
            } else if (tag == DT_STRTAB) {
                strtab = value;
            } else if (tag == DT_STRSZ) {
                strsz = value;
            } else if (tag == DT_NEEDED || tag == DT_SONAME || tag == DT_RPATH || tag == DT_RUNPATH) {
                entries.add(new long[] {tag, value});
            }
        }
        if (entries.isEmpty()) {
            return NONE;
        }
        if (strtab < 0 || strsz < 0) {
            throw data.error("dynamic section has string references but no DT_STRTAB/DT_STRSZ");
        }
        java.util.OptionalLong mapped = elf.fileOffsetOf(strtab);
        if (mapped.isEmpty()) {
            throw data.error("DT_STRTAB 0x%x is not in any PT_LOAD segment".formatted(strtab));
        }
        long stringsAt = mapped.getAsLong();
        data.check(stringsAt, strsz, "dynamic string table");
        List<String> needed = new ArrayList<>();
        List<String> runPath = new ArrayList<>();
        List<String> rpath = new ArrayList<>();
        String soname = null;
        for (long[] entry : entries) {
            if (entry[1] < 0 || entry[1] >= strsz) {
                throw data.error("dynamic string offset %d outside DT_STRSZ %d".formatted(entry[1], strsz));
            }
            String text = data.cString(stringsAt + entry[1], stringsAt + strsz, "dynamic string");
            if (entry[0] == DT_NEEDED) {
                needed.add(text);
            } else if (entry[0] == DT_SONAME) {
                soname = text;
            } else {
                List<String> target = entry[0] == DT_RUNPATH ? runPath : rpath;
                for (String dir : text.split(":")) {
                    if (!dir.isEmpty()) {
                        target.add(dir);
                    }
                }
            }
        }
        return new ElfDynamic(needed, runPath, rpath, Optional.ofNullable(soname));
    }
}
