package io.capgate.model.syscalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyscallTableTest {

    private final SyscallTable x86 = SyscallTable.of(Arch.X86_64);
    private final SyscallTable arm = SyscallTable.of(Arch.AARCH64);

    @ParameterizedTest
    @CsvSource({"read,0", "openat,257", "clone3,435", "openat2,437", "faccessat2,439", "execve,59",
            "io_uring_setup,425", "open,2", "stat,4", "fork,57", "newfstatat,262", "mmap,9"})
    void knownX86Numbers(String name, int nr) {
        assertThat(x86.number(name)).hasValue(nr);
        assertThat(x86.name(nr)).hasValue(name);
    }

    @ParameterizedTest
    @CsvSource({"openat,56", "clone3,435", "execve,221", "openat2,437", "read,63", "fstat,80", "newfstatat,79",
            "mmap,222", "lseek,62", "fadvise64,223", "fcntl,25", "renameat,38", "getrlimit,163", "memfd_secret,447"})
    void knownAarch64Numbers(String name, int nr) {
        assertThat(arm.number(name)).hasValue(nr);
        assertThat(arm.name(nr)).hasValue(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "stat", "lstat", "fork", "vfork", "creat", "access", "pipe", "dup2", "poll",
            "select", "epoll_wait", "arch_specific_syscall", "syscalls", "fstatat64", "mmap2", "clock_gettime64"})
    void aarch64LacksLegacyAnd32BitNames(String name) {
        assertThat(arm.number(name)).isEmpty();
        assertThat(arm.names()).allSatisfy(n -> assertThat(n).doesNotStartWith("3264"));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void namesAndNumbersAreUniqueAndInRange(Arch arch) {
        SyscallTable table = SyscallTable.of(arch);
        assertThat(table.arch()).isEqualTo(arch);
        assertThat(table.names()).hasSizeGreaterThan(300).doesNotHaveDuplicates();
        assertThat(table.names().stream().map(n -> table.number(n).getAsInt())).doesNotHaveDuplicates();
        assertThat(table.maxNumber()).isBetween(450, 1023);
        assertThat(table.names()).allSatisfy(n -> assertThat(n).matches("[a-z0-9_]+"));
    }

    @Test
    void sameInstanceEachTime() {
        assertThat(SyscallTable.of(Arch.X86_64)).isSameAs(x86);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void indexRoundTripsOverEveryFullName(Arch arch) {
        SyscallTable table = SyscallTable.of(arch);
        for (String fullName : table.fullNames()) {
            int index = table.index(fullName);
            assertThat(table.fullName(index)).as(fullName).isEqualTo(fullName);
            assertThat(table.contains(fullName)).isTrue();
        }
        assertThat(table.fullNames()).containsAll(table.names());
    }

    @Test
    void indexEncodesVariants() {
        assertThat(x86.index("openat")).isEqualTo(257);
        assertThat(x86.index("openat:write")).isEqualTo(257 + 1024);
        assertThat(x86.index("clone:thread")).isEqualTo(56 + 2048);
        assertThat(x86.index("mprotect:exec")).isEqualTo(10 + 3072);
        assertThat(arm.index("openat:write")).isEqualTo(56 + 1024);
        assertThat(x86.fullNames()).contains("open:write", "openat2:write", "clone3:thread", "pkey_mprotect:exec");
        assertThat(arm.fullNames()).doesNotContain("open:write").contains("openat:write");
    }

    @Test
    void rawNamesForNumbersTheTableDoesNotKnow() {
        assertThat(x86.index("syscall_999")).isEqualTo(999);
        assertThat(x86.fullName(999)).isEqualTo("syscall_999");
        assertThat(arm.fullName(300)).isEqualTo("syscall_300");
        assertThat(arm.index("syscall_300")).isEqualTo(300);
        assertThat(x86.contains("syscall_999")).isFalse();
    }

    @Test
    void rawNameOfAKnownNumberIsRefused() {
        assertThatThrownBy(() -> x86.index("syscall_0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'syscall_0' is read on x86_64; write 'read' instead");
    }

    @Test
    void unknownNameSuggests() {
        assertThatThrownBy(() -> x86.index("opnat"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown syscall 'opnat' on x86_64; did you mean openat");
        assertThatThrownBy(() -> arm.index("open:write"))
                .hasMessageStartingWith("unknown syscall 'open:write' on aarch64; did you mean openat:write");
        assertThatThrownBy(() -> x86.index("zzzzzzzzzzzz")).hasMessage("unknown syscall 'zzzzzzzzzzzz' on x86_64");
        assertThatThrownBy(() -> x86.index("read:exec")).hasMessageContaining("does not apply to 'read'");
    }

    @Test
    void invalidIndexesAreRefused() {
        assertThatThrownBy(() -> x86.fullName(-1)).hasMessage("negative syscall index -1");
        assertThatThrownBy(() -> x86.fullName(4 * 1024)).hasMessage("syscall index 4096 has unknown variant code 4");
        assertThatThrownBy(() -> x86.fullName(1024))
                .hasMessageContaining("combines read with variant 'write'");
        assertThatThrownBy(() -> x86.fullName(1024 + 999)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closestSuggestsNearNamesFirst() {
        assertThat(x86.closest("opnat", 3)).startsWith("openat");
        assertThat(x86.closest("openat", 2)).containsExactly("openat", "openat2");
        assertThat(x86.closest("execv", 1)).containsExactly("execve");
        assertThat(x86.closest("stat", 10)).contains("fstat", "lstat", "statx");
        assertThat(x86.closest("openat:wrte", 1)).containsExactly("openat:write");
        assertThat(x86.closest("qqqqqqqqqq", 5)).isEmpty();
        assertThat(x86.closest("read", 0)).isEmpty();
        assertThatThrownBy(() -> x86.closest("read", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void levenshteinDistance() {
        assertThat(Levenshtein.distance("", "")).isZero();
        assertThat(Levenshtein.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Levenshtein.distance("openat", "")).isEqualTo(6);
        assertThat(Levenshtein.distance("flaw", "lawn")).isEqualTo(2);
    }

    @Test
    void parserRejectsMalformedTables() throws Exception {
        assertThat(parse("# comment\n\nread\t0\nwrite\t1\n")).containsExactlyInAnyOrderEntriesOf(
                Map.of("read", 0, "write", 1));
        assertThatThrownBy(() -> parse("read 0\n")).hasMessage("t.tsv:1: expected name<TAB>number, got 'read 0'");
        assertThatThrownBy(() -> parse("read\t0\nread\t1\n")).hasMessage("t.tsv:2: duplicate syscall name read");
        assertThatThrownBy(() -> parse("Read\t0\n")).hasMessageStartingWith("t.tsv:1: invalid syscall name 'Read'");
        assertThatThrownBy(() -> parse("read\t2000\n")).hasMessage("t.tsv:1: invalid entry 'read\t2000'");
        assertThatThrownBy(() -> parse("syscall_3\t3\n")).hasMessage("t.tsv:1: invalid entry 'syscall_3\t3'");
    }

    private static Map<String, Integer> parse(String text) throws Exception {
        return SyscallTable.parse("t.tsv", new BufferedReader(new StringReader(text)));
    }
}
