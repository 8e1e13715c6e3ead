package io.capgate.agent.python.elf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads SystemTap SDT probe notes ({@code .note.stapsdt}, note type 3, owner {@code stapsdt}).
 *
 * <p>Each note's descriptor holds three link-time addresses, probe pc, {@code .stapsdt.base}
 * and semaphore, followed by the NUL-terminated provider, name and argument strings. Per the
 * SDT specification (sourceware.org/systemtap/wiki/UserSpaceProbeImplementation), if the file's
 * {@code .stapsdt.base} section now sits at a different address than the note's base field
 * records (e.g. after prelink), the pc must be moved by that difference; libbpf moves a
 * non-zero semaphore address by the same difference, and so does this reader. Without a
 * {@code .stapsdt.base} section no adjustment is made.
 */
final class SdtNotes {

    private static final long NT_STAPSDT = 3;
    private static final String OWNER = "stapsdt";

    private SdtNotes() {
    }

    static List<SdtProbe> read(ElfFile elf, ElfData data) throws ElfException {
        Optional<ElfSection> notes = elf.section(".note.stapsdt");
        if (notes.isEmpty() || notes.get().type() != ElfSection.SHT_NOTE) {
            return List.of();
        }
        long baseAddr = elf.section(".stapsdt.base").map(ElfSection::addr).orElse(0L);
        long at = notes.get().offset();
        long end = at + notes.get().size();
        data.check(at, notes.get().size(), ".note.stapsdt");
        List<SdtProbe> probes = new ArrayList<>();
        while (at + 12 <= end) {
            long nameSize = data.u32(at, "note namesz");
            long descSize = data.u32(at + 4, "note descsz");
            long type = data.u32(at + 8, "note type");
            long nameAt = at + 12;
            long descAt = nameAt + align4(nameSize);
            long next = descAt + align4(descSize);
            if (next > end) {
                throw data.error("SDT note at 0x%x runs past the end of .note.stapsdt".formatted(at));
            }
            if (type == NT_STAPSDT && nameSize == OWNER.length() + 1
                    && OWNER.equals(data.cString(nameAt, nameAt + nameSize, "note owner"))) {
                probes.add(probe(data, descAt, descSize, baseAddr));
            }
            at = next;
        }
        return List.copyOf(probes);
    }

    private static SdtProbe probe(ElfData data, long at, long size, long baseAddr) throws ElfException {
        if (size < 24 + 3) {
            throw data.error("SDT note at 0x%x has a %d-byte descriptor, too short".formatted(at, size));
        }
        long pc = data.u64(at, "SDT pc");
        long base = data.u64(at + 8, "SDT base");
        long semaphore = data.u64(at + 16, "SDT semaphore");
        long end = at + size;
        long provAt = at + 24;
        String provider = data.cString(provAt, end, "SDT provider");
        long nameAt = data.nulAt(provAt, end, "SDT provider") + 1;
        String name = data.cString(nameAt, end, "SDT name");
        long argsAt = data.nulAt(nameAt, end, "SDT name") + 1;
        String arguments = argsAt < end ? data.cString(argsAt, end, "SDT arguments") : "";
        if (baseAddr != 0 && base != 0) {
            long delta = baseAddr - base;
            pc += delta;
            if (semaphore != 0) {
                semaphore += delta;
            }
        }
        return new SdtProbe(provider, name, pc, base, semaphore, arguments);
    }

    private static long align4(long n) {
        return (n + 3) & ~3L;
    }
}
