package io.capgate.model.manifest;

import static io.capgate.model.manifest.ModulePolicies.policy;
import static io.capgate.model.trace.TraceFixtures.module;
import static io.capgate.model.trace.TraceFixtures.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.capgate.model.manifest.ManifestBuilder.BuildOptions;
import io.capgate.model.trace.Trace;
import io.capgate.model.trace.TraceFixtures;

class ManifestBuilderTest {

    private static Manifest build(Trace... traces) {
        return ManifestBuilder.build(List.of(traces), BuildOptions.of("demo"));
    }

    private static ModulePolicy only(String module, TraceFixtures.ModuleBuilder observed) {
        return build(trace().noModules().module(module, observed).build()).module(module);
    }

    @Test
    void buildsTheFixtureManifestFromTheFixtureTrace() {
        Manifest built = ManifestBuilder.build(List.of(TraceFixtures.aTrace()), new BuildOptions("fastapi-demo", null));
        assertThat(built).isEqualTo(ManifestFixtures.aManifest());
        assertThat(ManifestChecker.check(TraceFixtures.aTrace(), built)).isEmpty();
    }

    @Test
    void takesTheServiceFromTheTraceWhenNoneIsGiven() {
        assertThat(ManifestBuilder.build(List.of(TraceFixtures.aTrace()), new BuildOptions(null, null)).service())
                .isEqualTo("fastapi-demo");
    }

    @Test
    void defaultOptionsGrantSysBasicAndMem() {
        assertThat(BuildOptions.of("x").defaultCapabilities()).containsExactly("mem", "sys.basic");
        assertThat(build(TraceFixtures.aTrace()).defaults()).isEqualTo(policy().capabilities("sys.basic", "mem").build());
    }

    @Test
    void grantsGroupsWhoseKeysWereObserved() {
        assertThat(only("client", module().syscalls("socket", "connect", "sendto", "recvfrom")))
                .isEqualTo(policy().capabilities("net.connect").build());
        assertThat(only("writer", module().syscalls("openat:write", "openat", "write")))
                .isEqualTo(policy().capabilities("fs.read", "fs.write", "io").build());
        assertThat(only("pool", module().syscalls("clone3:thread"))).isEqualTo(policy().capabilities("proc.thread").build());
        assertThat(only("runner", module().syscalls("clone", "wait4"))).isEqualTo(policy().capabilities("proc.spawn").build());
    }

    @Test
    void listsObservedSyscallsNoGrantedGroupCovers() {
        assertThat(only("resolver", module().syscalls("socket", "sendto")))
                .as("socket and sendto are members but not keys of the network groups")
                .isEqualTo(policy().syscalls("sendto", "socket").build());
        assertThat(only("listener", module().syscalls("listen", "socketpair")))
                .isEqualTo(policy().capabilities("net.listen", "net.local").build());
    }

    @Test
    void doesNotRepeatWhatTheDefaultsCover() {
        assertThat(only("quiet", module().syscalls("futex", "mmap", "madvise", "getrandom"))).isEqualTo(ModulePolicy.EMPTY);
        Manifest manifest = ManifestBuilder.build(List.of(trace().noModules()
                .module("app", module().syscalls("read", "openat")).build()),
                new BuildOptions("demo", Set.of("sys.basic", "mem", "io")));
        assertThat(manifest.module("app")).isEqualTo(policy().capabilities("fs.read").build());
    }

    @Test
    void keepsModulesWithEmptyPoliciesSoReviewersSeeThem() {
        Manifest manifest = build(trace().module("idle", module().syscalls("futex")).build());
        assertThat(manifest.modules()).containsKey("idle");
        assertThat(ManifestWriter.toYaml(manifest)).contains("  idle:\n    capabilities: []\n    syscalls: []\n    exec: []\n");
    }

    @Test
    void execListsTheObservedPrograms() {
        assertThat(only("app", module().syscalls("execve").exec("/usr/bin/git", 3).exec("/bin/sh", 1)))
                .isEqualTo(policy().capabilities("proc.spawn").exec("/bin/sh", "/usr/bin/git").build());
    }

    @Test
    void mergesTracesAndIgnoresTheirOrder() {
        Trace first = trace().noModules().module("app", module().syscalls("connect")).build();
        Trace second = trace().noModules().module("app", module().exec("/usr/bin/git", 1))
                .module("lib", module().syscalls("listen")).build();
        Manifest built = build(first, second);
        assertThat(built).isEqualTo(build(second, first));
        assertThat(built.module("app")).isEqualTo(policy().capabilities("net.connect").exec("/usr/bin/git").build());
        assertThat(built.module("lib")).isEqualTo(policy().capabilities("net.listen").build());
    }

    @Test
    void takesArchFromTheTracesAndPythonAsMajorMinor() {
        Manifest built = build(trace().arch("aarch64").python("3.12.1").build());
        assertThat(built.arch()).isEqualTo("aarch64");
        assertThat(built.python()).isEqualTo("3.12");
        assertThat(build(trace().python("3.13.0rc1").build()).python()).isEqualTo("3.13");
    }

    @Test
    void buildsManifestsTheParserAccepts() {
        Manifest built = build(TraceFixtures.aTrace(), trace().module("<exec>", module().syscalls("mmap:exec", "ptrace"))
                .build());
        assertThat(new ManifestParser().parse(ManifestWriter.toYaml(built), "built.yaml")).isEqualTo(built);
    }

    @Test
    void rejectsInputThatCannotMakeAValidManifest() {
        assertThatThrownBy(() -> ManifestBuilder.build(List.of(), BuildOptions.of("demo")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> build(trace().python("").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("python version ''");
        assertThatThrownBy(() -> ManifestBuilder.build(List.of(TraceFixtures.aTrace()), BuildOptions.of("Bad Name")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid service name 'Bad Name'");
        assertThatThrownBy(() -> ManifestBuilder.build(List.of(TraceFixtures.aTrace()),
                new BuildOptions("demo", Set.of("sys.basics"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("did you mean 'sys.basic'");
        assertThatThrownBy(() -> build(trace().module("bad name", module().syscalls("read"))
                .module("app", module().exec("/usr/bin/my tool", 1)).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid module name 'bad name'")
                .hasMessageContaining("app: invalid exec path '/usr/bin/my tool'");
    }

    @Test
    void rejectsTracesOfDifferentArchitectures() {
        assertThatThrownBy(() -> build(TraceFixtures.aTrace(), trace().arch("aarch64").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different architecture");
    }
}
