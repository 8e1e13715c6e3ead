package io.capgate.agent.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcMapsTest {

    private static final String MAPS = """
            00400000-0041f000 r--p 00000000 08:01 1048612                            /usr/bin/python3.11
            0041f000-006d2000 r-xp 0001f000 08:01 1048612                            /usr/bin/python3.11
            00a4c000-00acd000 rw-p 0064c000 08:01 1048612                            /usr/bin/python3.11
            01d3e000-01e5f000 rw-p 00000000 00:00 0                                  [heap]
            7f3a1c000000-7f3a1c021000 rw-p 00000000 00:00 0 \s
            7f3a1e600000-7f3a1e6f5000 r--p 00000000 fd:00 77 /opt/my app/lib/libpython3.11.so.1.0 (deleted)
            7ffd4b5e6000-7ffd4b5ea000 r--p 00000000 00:00 0                          [vvar]
            ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]
            """;

    @Test
    void parsesAddressesPermissionsOffsetsAndPaths() throws Exception {
        List<MemoryMapping> maps = ProcMaps.parse(MAPS, "/proc/1/maps");

        assertThat(maps).hasSize(8);
        assertThat(maps.get(1)).isEqualTo(new MemoryMapping(0x41f000, 0x6d2000, "r-xp", 0x1f000, "08:01", 1048612,
                "/usr/bin/python3.11"));
        assertThat(maps.get(1).executable()).isTrue();
        assertThat(maps.get(2).writable()).isTrue();
        assertThat(maps.get(3).path()).isEqualTo("[heap]");
        assertThat(maps.get(3).isFileBacked()).isFalse();
        assertThat(maps.get(4).path()).isEmpty();
        assertThat(maps.get(7).start()).isEqualTo(0xffffffffff600000L);
        assertThat(maps.get(7).contains(0xffffffffff600010L)).isTrue();
    }

    @Test
    void keepsSpacesInPathsAndRecognisesDeletedFiles() throws Exception {
        MemoryMapping lib = ProcMaps.parse(MAPS, "maps").get(5);

        assertThat(lib.path()).isEqualTo("/opt/my app/lib/libpython3.11.so.1.0 (deleted)");
        assertThat(lib.isDeleted()).isTrue();
        assertThat(lib.filePath()).isEqualTo("/opt/my app/lib/libpython3.11.so.1.0");
        assertThat(lib.isFileBacked()).isTrue();
    }

    @Test
    void namesFileAndLineOfAMalformedLine() {
        assertThatThrownBy(() -> ProcMaps.parse("00400000-0041f000 r--p 0 08:01 1 /a\nnonsense here\n", "/proc/9/maps"))
                .isInstanceOf(ProcFormatException.class)
                .hasMessageStartingWith("/proc/9/maps line 2 is not a maps line");
    }
}
