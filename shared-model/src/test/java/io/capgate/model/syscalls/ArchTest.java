package io.capgate.model.syscalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchTest {

    @Test
    void idsRoundTrip() {
        for (Arch arch : Arch.values()) {
            assertThat(Arch.fromId(arch.id())).isSameAs(arch);
            assertThat(arch).hasToString(arch.id());
        }
        assertThat(Arch.X86_64.id()).isEqualTo("x86_64");
        assertThat(Arch.AARCH64.id()).isEqualTo("aarch64");
    }

    @Test
    void unknownIdListsValidOnes() {
        assertThatThrownBy(() -> Arch.fromId("amd64"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown architecture 'amd64'; valid: x86_64, aarch64");
    }

    @ParameterizedTest
    @CsvSource({"amd64,X86_64", "x86_64,X86_64", "aarch64,AARCH64", "arm64,AARCH64", "AMD64,X86_64"})
    void mapsOsArch(String osArch, Arch expected) {
        assertThat(Arch.fromOsArch(osArch)).isEqualTo(expected);
    }

    @Test
    void unsupportedOsArchFailsClearly() {
        assertThatThrownBy(() -> Arch.fromOsArch("riscv64"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("riscv64")
                .hasMessageContaining("x86_64, aarch64");
    }

    @Test
    void hostIsOneOfTheSupported() {
        // The build runs on x86_64 or aarch64 only.
        assertThat(Arch.host()).isIn((Object[]) Arch.values());
    }
}
