package io.capgate.agent.python.elf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Name index of the defined symbols of {@code .dynsym} and {@code .symtab}, built on first
 * lookup. {@code .dynsym} wins when both define a name.
 */
final class ElfSymbols {

    private static final int SYM_SIZE = 24;

    private final ElfData data;
    private final List<ElfSection> sections;
    private volatile Map<String, ElfSymbol> byName;

    ElfSymbols(ElfData data, List<ElfSection> sections) {
        this.data = data;
        this.sections = sections;
    }

    Optional<ElfSymbol> find(String name) throws ElfException {
        Map<String, ElfSymbol> index = byName;
        if (index == null) {
            index = build();
            byName = index;
        }
        return Optional.ofNullable(index.get(name));
    }

    private Map<String, ElfSymbol> build() throws ElfException {
        Map<String, ElfSymbol> index = new HashMap<>();
        for (long tableType : new long[] {ElfSection.SHT_DYNSYM, ElfSection.SHT_SYMTAB}) {
            for (ElfSection table : sections) {
                if (table.type() == tableType) {
                    addTable(table, index);
                }
            }
        }
        return Map.copyOf(index);
    }

    private void addTable(ElfSection table, Map<String, ElfSymbol> index) throws ElfException {
        if (table.entrySize() < SYM_SIZE) {
            throw data.error("symbol table %s has entry size %d, expected %d".formatted(table.name(),
                    table.entrySize(), SYM_SIZE));
        }
        if (table.link() >= sections.size()) {
            throw data.error("symbol table %s links to missing string table %d".formatted(table.name(), table.link()));
        }
        ElfSection strings = sections.get((int) table.link());
        data.check(table.offset(), table.size(), "symbol table " + table.name());
        data.check(strings.offset(), strings.size(), "string table " + strings.name());
        long stringsEnd = strings.offset() + strings.size();
        long count = table.size() / table.entrySize();
        for (long i = 1; i < count; i++) { // entry 0 is the reserved null symbol
            long at = table.offset() + i * table.entrySize();
            int sectionIndex = data.u16(at + 6, "st_shndx");
            long nameOffset = data.u32(at, "st_name");
            if (sectionIndex == 0 || nameOffset == 0) {
                continue;
            }
            String name = data.cString(strings.offset() + nameOffset, stringsEnd, "symbol name");
            int info = data.u8(at + 4, "st_info");
            index.putIfAbsent(name, new ElfSymbol(name, data.u64(at + 8, "st_value"), data.u64(at + 16, "st_size"),
                    info & 0xf, info >>> 4, sectionIndex));
        }
    }
}
