package io.capgate.agent.python.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfFileTest {

    private static ElfFile fake() throws ElfException {
        return ElfFile.parse(ByteBuffer.wrap(FakePython.bytes(ElfFile.ET_DYN)), "fake");
    }

    @Test
    void readsHeadersSegmentsAndSections() throws Exception {
        ElfFile elf = fake();

        assertThat(elf.type()).isEqualTo(ElfFile.ET_DYN);
        assertThat(elf.machine()).isEqualTo(ElfFile.EM_X86_64);
        assertThat(elf.loadSegments()).extracting(ElfSegment::vaddr).containsExactly(FakePython.TEXT,
                FakePython.RODATA, FakePython.STAPSDT_BASE, FakePython.DYNAMIC, FakePython.DATA, FakePython.DYNSTR,
                0x3c00L, FakePython.PROBES);
        assertThat(elf.sections()).extracting(ElfSection::name).startsWith("", ".text", ".rodata").contains(
                ".note.stapsdt", ".symtab", ".shstrtab");
        assertThat(elf.section(".data")).get().extracting(ElfSection::addr).isEqualTo(FakePython.DATA);
        assertThat(elf.section(".nope")).isEmpty();
    }

    @Test
    void findsDefinedSymbolsPreferringDynsym() throws Exception {
        ElfFile elf = fake();

        assertThat(elf.symbol("_PyRuntime")).get().satisfies(s -> {
            assertThat(s.value()).isEqualTo(FakePython.DATA);
            assertThat(s.size()).isEqualTo(0x40);
            assertThat(s.type()).isEqualTo(ElfSymbol.STT_OBJECT);
        });
        assertThat(elf.symbol("static_helper")).get().extracting(ElfSymbol::bind).isEqualTo(0);
        assertThat(elf.symbol("malloc")).as("undefined symbols are not definitions").isEmpty();
        assertThat(elf.symbol("missing")).isEmpty();
    }

    @Test
    void mapsAddressesToFileBytes() throws Exception {
        ElfFile elf = fake();

        byte[] version = elf.readVirtual(FakePython.RODATA, 4);
        assertThat(ByteBuffer.wrap(version).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(0x030b07f0);
        assertThat(elf.fileOffsetOf(FakePython.DATA)).isPresent();
        assertThat(elf.fileOffsetOf(0x9000_0000L)).isEmpty();
        assertThatThrownBy(() -> elf.readVirtual(FakePython.RODATA + 4, 8)).isInstanceOf(ElfException.class)
                .hasMessageContaining("not backed by file bytes");
    }

    @Test
    void readsDynamicSection() throws Exception {
        ElfDynamic dynamic = fake().dynamic();

        assertThat(dynamic.needed()).containsExactly("libc.so.6");
        assertThat(dynamic.runPath()).containsExactly("$ORIGIN/../lib", "/opt/py/lib");
        assertThat(dynamic.rpath()).isEmpty();
        assertThat(dynamic.soname()).contains("libpython3.11.so.1.0");
    }

    @Test
    void readsSdtNotesAndAdjustsForMovedBase() throws Exception {
        assertThat(fake().sdtProbes()).containsExactly(
                new SdtProbe("python", "function__entry", FakePython.TEXT + 0x20, FakePython.STAPSDT_BASE,
                        FakePython.PROBES, "8@%rbx 8@%r15"),
                new SdtProbe("python", "gc__done", FakePython.TEXT + 0x30, FakePython.STAPSDT_BASE - 0x100,
                        FakePython.PROBES + 2, "-8@%r12"),
                new SdtProbe("libc", "setjmp", FakePython.TEXT + 0x38, FakePython.STAPSDT_BASE, 0, ""));
    }

    @Test
    void rejectsWhatIsNotElf64LittleEndian() {
        byte[] elf32 = FakePython.bytes(ElfFile.ET_DYN);
        elf32[4] = 1;

        assertThatThrownBy(() -> ElfFile.parse(ByteBuffer.wrap("#!/bin/sh\n".getBytes()), "script"))
                .isInstanceOf(ElfException.class).hasMessage("script: ELF identification at offset 0x0, length 16,"
                        + " lies outside the file (10 bytes)");
        assertThatThrownBy(() -> ElfFile.parse(ByteBuffer.wrap(new byte[64]), "zeros"))
                .isInstanceOf(ElfException.class).hasMessageContaining("not an ELF file");
        assertThatThrownBy(() -> ElfFile.parse(ByteBuffer.wrap(elf32), "elf32"))
                .isInstanceOf(ElfException.class).hasMessageContaining("only ELF64 little-endian");
    }

    @Test
    void opensFilesByMapping(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("libfake.so");
        Files.write(file, FakePython.bytes(ElfFile.ET_DYN));

        ElfFile elf = ElfFile.open(file);

        assertThat(elf.origin()).isEqualTo(file.toString());
        assertThat(elf.symbol("Py_BytesMain")).isPresent();
    }

    @Test
    void namesTheFileAndStructureWhenTruncated() {
        byte[] whole = FakePython.bytes(ElfFile.ET_DYN);
        ByteBuffer cut = ByteBuffer.wrap(whole, 0, 100).slice();

        assertThatThrownBy(() -> ElfFile.parse(cut, "/x/libcut.so")).isInstanceOf(ElfException.class)
                .hasMessageStartingWith("/x/libcut.so: program header table at offset 0x40");
    }
}
