package io.capgate.agent.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.agent.os.MemoryMapping;
import io.capgate.agent.os.ProcMaps;
import io.capgate.agent.python.elf.ElfFile;
import io.capgate.agent.python.elf.FakePython;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadedImageTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void biasOfANonPieExecutableIsZero() throws Exception {
        byte[] exe = FakePython.bytes(ElfFile.ET_EXEC);
        FakeProcess process = new FakeProcess(dir);
        process.map("/usr/bin/python3.11", exe, 0);

        assertThat(LoadedImage.bias(FakeProcess.parse(exe), ProcMaps.parse(process.maps(), "maps"))).isZero();
    }

    @Test
    void biasOfASharedLibraryIsItsLoadAddress() throws Exception {
        byte[] lib = FakePython.bytes(ElfFile.ET_DYN);
        FakeProcess process = new FakeProcess(dir);
        process.map("/opt/lib/libpython3.11.so.1.0", lib, 0x7f12_3400_0000L);

        assertThat(LoadedImage.bias(FakeProcess.parse(lib), ProcMaps.parse(process.maps(), "maps")))
                .isEqualTo(0x7f12_3400_0000L);
    }

    @Test
    void skipsMappingsThatStartMidSegment() throws Exception {
        byte[] lib = FakePython.bytes(ElfFile.ET_DYN);
        FakeProcess process = new FakeProcess(dir);
        process.map("/opt/lib/libpython3.11.so.1.0", lib, 0x7f00_0000_0000L);
        List<MemoryMapping> maps = ProcMaps.parse(process.maps(), "maps");
        // A RELRO-style split: a mapping whose offset is inside a segment rather than at its start.
        MemoryMapping split = new MemoryMapping(0x7f00_0000_0000L + 0x9000, 0x7f00_0000_0000L + 0xa000, "r--p",
                0x77000, "fd:00", 1, "/opt/lib/libpython3.11.so.1.0");

        assertThat(LoadedImage.bias(FakeProcess.parse(lib), concat(split, maps))).isEqualTo(0x7f00_0000_0000L);
        assertThatThrownBy(() -> LoadedImage.bias(FakeProcess.parse(lib), List.of(split)))
                .isInstanceOf(IOException.class).hasMessageContaining("no mapping lines up with a PT_LOAD segment");
    }

    @Test
    void groupsMappingsByFileInFirstSeenOrder() throws Exception {
        FakeProcess process = new FakeProcess(dir);
        process.map("/usr/bin/python3", FakePython.notPython(ElfFile.ET_DYN), 0x5555_0000_0000L);
        process.anonymous("7f0000000000-7f0000001000 rw-p 00000000 00:00 0 ");
        process.map("/lib/libpython3.11.so.1.0", FakePython.bytes(ElfFile.ET_DYN), 0x7f10_0000_0000L);

        assertThat(LoadedImage.byFile(ProcMaps.parse(process.maps(), "maps")).keySet())
                .containsExactly("/usr/bin/python3", "/lib/libpython3.11.so.1.0");
    }

    private static List<MemoryMapping> concat(MemoryMapping first, List<MemoryMapping> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }
}
