package io.capgate.model.manifest;

import static io.capgate.model.manifest.ModulePolicies.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.CapabilityCatalog;
import io.capgate.model.syscalls.SyscallTable;

class ResolvedPolicyTest {

    private static final SyscallTable X86 = SyscallTable.of(Arch.X86_64);
    private static final SyscallTable ARM = SyscallTable.of(Arch.AARCH64);

    private final ResolvedPolicy policy = ResolvedPolicy.resolve(ManifestFixtures.aManifest(), Arch.X86_64);

    @Test
    void modulesGetTheirGroupsAndTheDefaults() {
        BitSet uvicorn = policy.allowedIndexes().get("uvicorn");
        assertThat(uvicorn.get(X86.index("listen"))).isTrue();
        assertThat(uvicorn.get(X86.index("mmap"))).as("from defaults (mem)").isTrue();
        assertThat(uvicorn.get(X86.index("futex"))).as("from defaults (sys.basic)").isTrue();
        assertThat(uvicorn.get(X86.index("connect"))).isFalse();
        assertThat(policy.allowedIndexes()).containsOnlyKeys("<interpreter>", "app.main", "uvicorn");
        assertThat(policy.arch()).isEqualTo(Arch.X86_64);
    }

    @Test
    void groupsResolveToEveryMemberOnTheArch() {
        BitSet expected = new BitSet();
        CapabilityCatalog catalog = CapabilityCatalog.standard();
        for (String group : new String[] {"sys.basic", "mem", "net.listen"}) {
            catalog.syscalls(group, Arch.X86_64).forEach(name -> expected.set(X86.index(name)));
        }
        assertThat(policy.allowed("uvicorn")).isEqualTo(expected);
    }

    @Test
    void aNameWithoutVariantDoesNotImplyTheVariant() {
        ResolvedPolicy resolved = ResolvedPolicy.resolve(
                ManifestFixtures.aManifestWith("app.db", policy().syscalls("openat", "clone3:thread")), Arch.X86_64);
        BitSet db = resolved.allowed("app.db");
        assertThat(db.get(X86.index("openat"))).isTrue();
        assertThat(db.get(X86.index("openat:write"))).isFalse();
        assertThat(X86.index("openat:write")).isEqualTo(X86.number("openat").getAsInt() + 1024);
        assertThat(db.get(X86.index("clone3:thread"))).isTrue();
        assertThat(db.get(X86.index("clone3"))).as("the thread variant does not allow new processes").isFalse();
    }

    @Test
    void unlistedModulesGetTheDefaultsOnly() {
        BitSet defaults = new BitSet();
        CapabilityCatalog.standard().syscalls("sys.basic", Arch.X86_64).forEach(n -> defaults.set(X86.index(n)));
        CapabilityCatalog.standard().syscalls("mem", Arch.X86_64).forEach(n -> defaults.set(X86.index(n)));
        assertThat(policy.defaultsOnly()).isEqualTo(defaults);
        assertThat(policy.allowed("requests")).isEqualTo(defaults);
        assertThat(policy.allModules()).isEqualTo(defaults);
        assertThat(policy.allows("requests", X86.index("mmap"))).isTrue();
        assertThat(policy.allows("requests", X86.index("connect"))).isFalse();
        assertThat(policy.allows("requests", -1)).isFalse();
    }

    @Test
    void unionCoversEveryModuleAndAllModulesIsInEveryModule() {
        BitSet union = policy.union();
        policy.allowedIndexes().values().forEach(bits -> {
            BitSet outside = (BitSet) bits.clone();
            outside.andNot(union);
            assertThat(outside.isEmpty()).isTrue();
            BitSet missing = policy.allModules();
            missing.andNot(bits);
            assertThat(missing.isEmpty()).isTrue();
        });
        assertThat(union.get(X86.index("listen"))).isTrue();
        assertThat(union.get(X86.index("ptrace"))).isFalse();
    }

    @Test
    void execListsPerModule() {
        assertThat(policy.exec()).containsOnlyKeys("<interpreter>", "app.main", "uvicorn");
        assertThat(policy.exec().get("app.main")).containsExactly("/usr/bin/git");
        assertThat(policy.exec("uvicorn")).isEmpty();
        assertThat(policy.exec("requests")).isEmpty();
    }

    @Test
    void returnsCopies() {
        policy.allowed("uvicorn").clear();
        policy.defaultsOnly().clear();
        policy.allowedIndexes().get("uvicorn").clear();
        assertThat(policy.allowed("uvicorn").isEmpty()).isFalse();
        assertThat(policy.defaultsOnly().isEmpty()).isFalse();
    }

    @Test
    void resolvesForAnotherArchSkippingNamesThatDoNotExistThere() {
        Manifest manifest = ManifestFixtures.aManifestWith("app.files", policy().capabilities("fs.read")
                .syscalls("open", "renameat2"));
        ResolvedPolicy arm = ResolvedPolicy.resolve(manifest, Arch.AARCH64);
        assertThat(arm.unavailable()).containsExactly("open");
        assertThat(arm.allowed("app.files").get(ARM.index("renameat2"))).isTrue();
        assertThat(arm.allowed("app.files").get(ARM.index("openat"))).isTrue();
        assertThat(ResolvedPolicy.resolve(manifest, Arch.X86_64).unavailable()).isEmpty();
    }

    @Test
    void rawNumbersOnlyResolveOnTheManifestsArch() {
        int unnamed = IntStream.range(0, 1024).filter(nr -> X86.name(nr).isEmpty()).findFirst().orElseThrow();
        Manifest manifest = ManifestFixtures.aManifestWith("app.new", policy().syscalls("syscall_" + unnamed));
        assertThat(ResolvedPolicy.resolve(manifest, Arch.X86_64).allowed("app.new").get(unnamed)).isTrue();
        assertThatThrownBy(() -> ResolvedPolicy.resolve(manifest, Arch.AARCH64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("means nothing on aarch64");
    }

    @Test
    void unknownNamesFailFast() {
        assertThatThrownBy(() -> ResolvedPolicy.resolve(
                ManifestFixtures.aManifestWith("x", policy().capabilities("fs.everything")), Arch.X86_64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown capability group");
        assertThatThrownBy(() -> ResolvedPolicy.resolve(
                ManifestFixtures.aManifestWith("x", policy().syscalls("frobnicate")), Arch.X86_64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frobnicate");
    }

    @Test
    void emptyManifestAllowsNothing() {
        ResolvedPolicy empty = ResolvedPolicy.resolve(
                Manifest.of("demo", "x86_64", "3.11", ModulePolicy.EMPTY, Map.of()), Arch.X86_64);
        assertThat(empty.union().isEmpty()).isTrue();
        assertThat(empty.allowedIndexes()).isEmpty();
    }
}
