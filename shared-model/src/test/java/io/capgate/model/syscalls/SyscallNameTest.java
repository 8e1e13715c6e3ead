package io.capgate.model.syscalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyscallNameTest {

    @Test
    void parsesPlainAndVariantNames() {
        assertThat(SyscallName.parse("read")).isEqualTo(new SyscallName("read", SyscallVariant.NONE));
        assertThat(SyscallName.parse("openat:write")).isEqualTo(new SyscallName("openat", SyscallVariant.WRITE));
        assertThat(SyscallName.parse("clone3:thread").variant()).isEqualTo(SyscallVariant.THREAD);
        assertThat(SyscallName.parse("pkey_mprotect:exec").variant()).isEqualTo(SyscallVariant.EXEC);
        assertThat(SyscallName.parse("openat:write").fullName()).isEqualTo("openat:write");
        assertThat(SyscallName.parse("openat:write")).hasToString("openat:write");
        assertThat(SyscallName.parse("read").hasVariant()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Read", "open at", "openat:", ":write", "openat:write:exec", "read-v", "openat:WRITE"})
    void rejectsBadGrammar(String text) {
        assertThatThrownBy(() -> SyscallName.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid syscall name '" + text + "'");
    }

    @Test
    void rejectsUnknownVariant() {
        assertThatThrownBy(() -> SyscallName.parse("openat:read"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown variant 'read' in 'openat:read'; valid variants: write, thread, exec");
    }

    @Test
    void rejectsVariantOnWrongBase() {
        assertThatThrownBy(() -> SyscallName.parse("read:write"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("variant 'write' does not apply to 'read'; it applies only to open, openat, openat2");
        assertThatThrownBy(() -> SyscallName.parse("creat:write")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyscallName.parse("mmap:thread")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyscallName.parse("syscall_500:exec")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rawNames() {
        assertThat(SyscallName.parse("syscall_500").rawNumber()).hasValue(500);
        assertThat(SyscallName.parse("syscall_0").rawNumber()).hasValue(0);
        assertThat(SyscallName.raw(1023).fullName()).isEqualTo("syscall_1023");
        assertThat(SyscallName.parse("read").rawNumber()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"syscall_1024", "syscall_007", "syscall_", "syscall_x", "syscall_99999"})
    void rejectsBadRawNames(String text) {
        assertThatThrownBy(() -> SyscallName.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid raw syscall name '" + text + "'");
    }

    @Test
    void rawRangeIsChecked() {
        assertThatThrownBy(() -> SyscallName.raw(1024)).hasMessageContaining("out of range 0..1023");
        assertThatThrownBy(() -> SyscallName.raw(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ordersByFullName() {
        assertThat(SyscallName.parse("openat")).isLessThan(SyscallName.parse("openat:write"));
        // Plain string order, like the sorted sets of a manifest: ':' sorts after digits.
        assertThat(SyscallName.parse("openat2")).isLessThan(SyscallName.parse("openat:write"));
    }

    @Test
    void variantCodesAreFixed() {
        // Part of the eBPF map format: never renumber.
        assertThat(SyscallVariant.NONE.code()).isZero();
        assertThat(SyscallVariant.WRITE.code()).isEqualTo(1);
        assertThat(SyscallVariant.THREAD.code()).isEqualTo(2);
        assertThat(SyscallVariant.EXEC.code()).isEqualTo(3);
        for (SyscallVariant v : SyscallVariant.values()) {
            assertThat(SyscallVariant.fromCode(v.code())).hasValue(v);
            assertThat(SyscallVariant.fromSuffix(v.suffix())).hasValue(v);
        }
        assertThat(SyscallVariant.fromCode(4)).isEmpty();
        assertThat(SyscallVariant.fromSuffix("read")).isEmpty();
    }
}
