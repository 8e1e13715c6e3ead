package io.capgate.agent.python.elf;

import java.util.List;

/**
 * A small synthetic "libpython" with the features the agent reads: {@code _PyRuntime},
 * {@code Py_Version}, {@code Py_BytesMain}, a needed library and run path, and two SDT probes,
 * one whose note predates a move of {@code .stapsdt.base} by 0x100.
 */
public final class FakePython {

    public static final long TEXT = 0x1000;
    public static final long RODATA = 0x2000;
    public static final long STAPSDT_BASE = 0x2800;
    public static final long DYNAMIC = 0x3000;
    public static final long DYNSTR = 0x3800;
    public static final long DATA = 0x5000;
    public static final long PROBES = 0x6000;
    public static final long VERSION_HEX = 0x030b07f0L;

    private FakePython() {
    }

    /** The file bytes of a 3.11.7. */
    public static byte[] bytes(int elfType) {
        return bytes(elfType, VERSION_HEX);
    }

    /** The file bytes, with {@code Py_Version} set to {@code versionHex}. */
    public static byte[] bytes(int elfType, long versionHex) {
        TestElf elf = new TestElf(elfType);
        TestElf.StringTable dynstr = new TestElf.StringTable();
        int needed = dynstr.add("libc.so.6");
        int runpath = dynstr.add("$ORIGIN/../lib:/opt/py/lib");
        int soname = dynstr.add("libpython3.11.so.1.0");
        byte[] dynsym = TestElf.symbols(dynstr, List.of(
                new ElfSymbol("Py_BytesMain", TEXT + 0x10, 0x20, ElfSymbol.STT_FUNC, 1, 1),
                new ElfSymbol("Py_Version", RODATA, 8, ElfSymbol.STT_OBJECT, 1, 2),
                new ElfSymbol("_PyRuntime", DATA, 0x40, ElfSymbol.STT_OBJECT, 1, 5),
                new ElfSymbol("malloc", 0, 0, ElfSymbol.STT_FUNC, 1, 0)));
        byte[] dynstrBytes = dynstr.bytes();
        TestElf.StringTable strtab = new TestElf.StringTable();
        byte[] symtab = TestElf.symbols(strtab, List.of(
                new ElfSymbol("_PyRuntime", 0xdead, 1, ElfSymbol.STT_OBJECT, 1, 5),
                new ElfSymbol("static_helper", TEXT + 0x40, 4, ElfSymbol.STT_FUNC, 0, 1)));
        byte[] text = new byte[0x80];
        byte[] rodata = TestElf.le64(versionHex);
        byte[] data = new byte[0x40];
        System.arraycopy("xdebugpy".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, data, 0, 8);
        byte[] notes = concat(
                TestElf.sdtNote(TEXT + 0x20, STAPSDT_BASE, PROBES, "python", "function__entry", "8@%rbx 8@%r15"),
                TestElf.sdtNote(TEXT + 0x30 - 0x100, STAPSDT_BASE - 0x100, PROBES + 2 - 0x100, "python", "gc__done",
                        "-8@%r12"),
                TestElf.sdtNote(TEXT + 0x38, STAPSDT_BASE, 0, "libc", "setjmp", ""));
        elf.section(".text", 1, TEXT, text, 0, 0); // 1
        elf.section(".rodata", 1, RODATA, rodata, 0, 0); // 2
        elf.section(".stapsdt.base", 1, STAPSDT_BASE, new byte[1], 0, 0); // 3
        int dynstrIndex = 6;
        elf.section(".dynamic", 6, DYNAMIC, TestElf.dynamic(new long[] {1, needed}, new long[] {29, runpath},
                new long[] {14, soname}, new long[] {5, DYNSTR}, new long[] {10, dynstrBytes.length}), dynstrIndex, 16); // 4
        elf.section(".data", 1, DATA, data, 0, 0); // 5
        elf.section(".dynstr", ElfSection.SHT_STRTAB, DYNSTR, dynstrBytes, 0, 0); // 6
        elf.section(".dynsym", ElfSection.SHT_DYNSYM, 0x3c00, dynsym, dynstrIndex, 24); // 7
        elf.section(".probes", 1, PROBES, new byte[4], 0, 0); // 8
        elf.section(".note.stapsdt", ElfSection.SHT_NOTE, 0, notes, 0, 0); // 9
        elf.section(".strtab", ElfSection.SHT_STRTAB, 0, strtab.bytes(), 0, 0); // 10
        elf.section(".symtab", ElfSection.SHT_SYMTAB, 0, symtab, 10, 24); // 11
        return elf.build();
    }

    /** An ELF with code only: no Python symbols, no dynamic section. */
    public static byte[] notPython(int elfType) {
        TestElf elf = new TestElf(elfType);
        elf.section(".text", 1, TEXT, new byte[0x40], 0, 0);
        return elf.build();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
