package io.capgate.model.manifest;

import static io.capgate.model.manifest.ModulePolicies.policy;
import static io.capgate.model.trace.TraceFixtures.module;
import static io.capgate.model.trace.TraceFixtures.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.capgate.model.manifest.ManifestChecker.Finding;
import io.capgate.model.trace.TraceFixtures;

class ManifestCheckerTest {

    @Test
    void theFixtureManifestCoversTheFixtureTrace() {
        assertThat(ManifestChecker.check(TraceFixtures.aTrace(), ManifestFixtures.aManifest())).isEmpty();
    }

    @Test
    void reportsSyscallsTheEffectivePolicyDoesNotAllow() {
        var observed = trace().module("uvicorn", module().syscall("listen", 1).syscall("connect", 3)
                .syscall("mmap", 9)).build();
        assertThat(ManifestChecker.check(observed, ManifestFixtures.aManifest()))
                .containsExactly(new Finding("uvicorn", "syscall", "connect", 3));
    }

    @Test
    void variantsAreCheckedAsTheirOwnNames() {
        var observed = trace().module("app.main", module().syscall("openat", 2).syscall("openat:write", 1)).build();
        assertThat(ManifestChecker.check(observed, ManifestFixtures.aManifest()))
                .containsExactly(new Finding("app.main", "syscall", "openat:write", 1));
    }

    @Test
    void modulesMissingFromTheManifestGetTheDefaultsOnly() {
        var observed = trace().module("requests", module().syscall("mmap", 4).syscall("connect", 2)
                .exec("/bin/sh", 1)).build();
        assertThat(ManifestChecker.check(observed, ManifestFixtures.aManifest())).containsExactly(
                new Finding("requests", "syscall", "connect", 2), new Finding("requests", "exec", "/bin/sh", 1));
    }

    @Test
    void reportsProgramsNotOnTheModulesExecList() {
        var observed = trace().module("app.main", module().syscall("read", 1).exec("/usr/bin/git", 2)
                .exec("/usr/bin/curl", 1)).build();
        assertThat(ManifestChecker.check(observed, ManifestFixtures.aManifest()))
                .containsExactly(new Finding("app.main", "exec", "/usr/bin/curl", 1));
    }

    @Test
    void explicitSyscallsAndDefaultsCount() {
        Manifest manifest = ManifestFixtures.aManifestWith("app.main", policy().syscalls("getrandom", "openat:write"));
        var observed = trace().module("app.main", module().syscall("openat:write", 1).syscall("futex", 5)).build();
        assertThat(ManifestChecker.check(observed, manifest)).isEmpty();
    }

    @Test
    void namesTheTableDoesNotKnowAreNeverAllowed() {
        var observed = trace().module("app.main", module().syscall("frobnicate", 1).syscall("syscall_1023", 2)).build();
        assertThat(ManifestChecker.check(observed, ManifestFixtures.aManifest())).containsExactly(
                new Finding("app.main", "syscall", "frobnicate", 1), new Finding("app.main", "syscall", "syscall_1023", 2));
    }

    @Test
    void ordersByModuleThenSyscallsBeforeExec() {
        var observed = trace().noModules()
                .module("b", module().syscall("ptrace", 1).exec("/bin/a", 1))
                .module("a", module().exec("/bin/z", 1).syscall("kill", 1).syscall("bpf", 1)).build();
        assertThat(ManifestChecker.check(observed, ManifestFixtures.aManifest()))
                .extracting(f -> f.module() + " " + f.kind() + " " + f.name())
                .containsExactly("a syscall bpf", "a syscall kill", "a exec /bin/z", "b syscall ptrace", "b exec /bin/a");
    }

    @Test
    void resolvesForTheTracesArch() {
        var observed = trace().arch("aarch64").noModules()
                .module("<interpreter>", module().syscall("openat", 3).syscall("newfstatat", 1)).build();
        assertThat(ManifestChecker.check(observed, ManifestFixtures.aManifest())).isEmpty();
    }

    @Test
    void findingKindsAreFixed() {
        assertThatThrownBy(() -> new Finding("m", "file", "x", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
