package io.capgate.model.syscalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CapabilityCatalogTest {

    private final CapabilityCatalog catalog = CapabilityCatalog.standard();

    @Test
    void standardCatalogHasTheDocumentedGroupsInOrder() {
        assertThat(catalog.groups()).extracting(CapabilityGroup::name).containsExactly(
                "sys.basic", "mem", "io", "fs.read", "fs.write", "net.connect", "net.listen", "net.local", "ipc",
                "proc.thread", "proc.spawn", "proc.signal", "proc.sched", "proc.trace", "proc.identity", "mem.exec",
                "sys.admin", "sys.uring");
        assertThat(catalog.groups()).filteredOn(CapabilityGroup::risky).extracting(CapabilityGroup::name)
                .containsExactly("net.listen", "proc.spawn", "proc.trace", "proc.identity", "mem.exec", "sys.admin",
                        "sys.uring");
        assertThat(CapabilityCatalog.standard()).isSameAs(catalog);
    }

    @Test
    void everyGroupIsValid() {
        for (CapabilityGroup group : catalog.groups()) {
            assertThat(group.name()).matches("[a-z]+(\\.[a-z_]+)*");
            assertThat(group.description()).isNotBlank();
            assertThat(group.members()).isNotEmpty();
            assertThat(group.members()).containsAll(group.keys());
            assertThat(group.keys()).isNotEmpty();
            for (String member : group.members()) {
                SyscallName parsed = SyscallName.parse(member);
                assertThat(parsed.rawNumber()).as(member).isEmpty();
                assertThat(List.of(Arch.values())).as(member)
                        .anyMatch(arch -> SyscallTable.of(arch).contains(member));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void everyGroupHasKeysOnEveryArch(Arch arch) {
        for (CapabilityGroup group : catalog.groups()) {
            assertThat(catalog.keys(group.name(), arch)).as(group.name()).isNotEmpty();
            assertThat(catalog.syscalls(group.name(), arch)).as(group.name())
                    .isSubsetOf(SyscallTable.of(arch).fullNames());
        }
    }

    @Test
    void variantsLandInTheRightGroups() {
        assertThat(catalog.group("fs.read").orElseThrow().members())
                .contains("openat", "openat2").doesNotContain("openat:write");
        assertThat(catalog.group("fs.write").orElseThrow().members()).contains("openat:write", "creat");
        assertThat(catalog.group("mem").orElseThrow().members()).contains("mmap", "mprotect")
                .noneMatch(m -> m.endsWith(":exec"));
        assertThat(catalog.group("mem.exec").orElseThrow().members())
                .containsExactlyInAnyOrder("mmap:exec", "mprotect:exec", "pkey_mprotect:exec", "memfd_create");
        assertThat(catalog.group("proc.thread").orElseThrow().members())
                .containsExactly("clone3:thread", "clone:thread");
        assertThat(catalog.group("net.connect").orElseThrow().keys()).containsExactly("connect");
    }

    @Test
    void membersMissingOnAnArchAreSkipped() {
        assertThat(catalog.syscalls("fs.read", Arch.X86_64)).contains("open", "stat", "openat");
        assertThat(catalog.syscalls("fs.read", Arch.AARCH64)).contains("openat", "newfstatat")
                .doesNotContain("open", "stat", "lstat", "access");
        assertThat(catalog.syscalls("fs.write", Arch.AARCH64)).contains("openat:write").doesNotContain("open:write");
        assertThat(catalog.syscalls("proc.spawn", Arch.AARCH64)).doesNotContain("fork", "vfork").contains("clone");
        assertThat(catalog.keys("proc.spawn", Arch.X86_64)).contains("fork").doesNotContain("wait4");
    }

    @Test
    void unknownGroupSuggests() {
        assertThatThrownBy(() -> catalog.syscalls("net.conect", Arch.X86_64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown capability group 'net.conect'; did you mean net.connect");
        assertThatThrownBy(() -> catalog.keys("zzzzzzzzzzzz", Arch.X86_64))
                .hasMessage("unknown capability group 'zzzzzzzzzzzz'");
        assertThat(catalog.group("nope")).isEmpty();
    }

    @Test
    void closestGroupNames() {
        assertThat(catalog.closest("fs.wrte", 1)).containsExactly("fs.write");
        assertThat(catalog.closest("net.listn", 2)).startsWith("net.listen");
        assertThat(catalog.closest("proc.spwan", 1)).containsExactly("proc.spawn");
        assertThat(catalog.closest("xxxxxxxxxxxxxxxx", 3)).isEmpty();
    }

    @Test
    void groupOfIsTheFirstListingGroup() {
        assertThat(catalog.groupOf("madvise")).hasValue("sys.basic");
        assertThat(catalog.groupOf("socket")).hasValue("net.connect");
        assertThat(catalog.groupOf("openat:write")).hasValue("fs.write");
        assertThat(catalog.groupOf("io_uring_enter")).hasValue("sys.uring");
        assertThat(catalog.groupOf("syscall_999")).isEmpty();
    }

    @Test
    void groupsAreImmutable() {
        CapabilityGroup group = catalog.groups().getFirst();
        assertThatThrownBy(() -> group.members().add("read")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> catalog.groups().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keysDefaultToMembers() {
        CapabilityCatalog c = CapabilityCatalog.parse("""
                groups:
                  - name: a.b
                    description: d
                    risky: false
                    members: [read, openat:write]
                """, "t.yaml");
        CapabilityGroup g = c.group("a.b").orElseThrow();
        assertThat(g.keys()).isEqualTo(g.members()).containsExactly("openat:write", "read");
        assertThat(g.risky()).isFalse();
    }

    @Test
    void invalidCatalogsAreRejectedClearly() {
        rejects("groups: [", "t.yaml: invalid YAML");
        rejects("other: 1", "t.yaml: expected a mapping with the single key 'groups'");
        rejects("groups: []", "t.yaml: 'groups' must be a non-empty list");
        rejects("groups: [x]", "t.yaml: group #1 must be a mapping");
        rejects(group("Net", "false", "[read]", null), "t.yaml: group #1: 'name' must match");
        rejects(group("a", "false", "[read]", null) + "    colour: red\n", "group 'a': unknown field 'colour'");
        rejects(group("a", "maybe", "[read]", null), "group 'a': 'risky' must be true or false");
        rejects(group("a", "false", "[]", null), "group 'a': 'members' must be a non-empty list");
        rejects(group("a", "false", "[read, read]", null), "group 'a': 'members' lists read twice");
        rejects(group("a", "false", "[1]", null), "group 'a': 'members' entry 1 is not a syscall name");
        rejects(group("a", "false", "[reed]", null),
                "group 'a': member 'reed' is not a syscall on any architecture; did you mean read");
        rejects(group("a", "false", "[read:write]", null), "group 'a': variant 'write' does not apply to 'read'");
        rejects(group("a", "false", "[syscall_999]", null), "group 'a': member 'syscall_999' must be a syscall name");
        rejects(group("a", "false", "[fork, vfork]", null), "group 'a': no member exists on aarch64");
        rejects(group("a", "false", "[read]", "[write]"), "group 'a': key 'write' is not a member");
        rejects(group("a", "false", "[read]", null) + group("a", "true", "[write]", null).substring(8),
                "group 'a' is defined twice");
        rejects("groups:\n  - name: a\n    risky: false\n    members: [read]\n",
                "group 'a': 'description' must be a non-empty string");
    }

    private static String group(String name, String risky, String members, String keys) {
        return "groups:\n  - name: " + name + "\n    description: d\n    risky: " + risky + "\n    members: " + members
                + "\n" + (keys == null ? "" : "    keys: " + keys + "\n");
    }

    private static void rejects(String yaml, String message) {
        assertThatThrownBy(() -> CapabilityCatalog.parse(yaml, "t.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
