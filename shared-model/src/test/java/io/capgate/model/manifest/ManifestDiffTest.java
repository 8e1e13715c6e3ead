package io.capgate.model.manifest;

import static io.capgate.model.manifest.ModulePolicies.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.capgate.model.manifest.ManifestDiff.Change;
import io.capgate.model.manifest.ManifestDiff.PolicyChange;
import io.capgate.model.manifest.ManifestDiff.Status;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ManifestDiffTest {

    private static final Manifest OLD = ManifestFixtures.aManifest();

    @Test
    void identicalManifestsGiveAnEmptyDiff() {
        ManifestDiff diff = ManifestDiff.between(OLD, ManifestFixtures.aManifest());
        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.risky()).isFalse();
        assertThat(diff.toText()).isEmpty();
        assertThat(diff.modules()).extracting(PolicyChange::status).containsOnly(Status.UNCHANGED);
        assertThat(diff.defaults().status()).isEqualTo(Status.UNCHANGED);
    }

    @Test
    void flagsRiskyCapabilityExecAndSyscallAdditions() {
        Manifest neu = ManifestFixtures.aManifestWith("app.main", policy().capabilities("io", "proc.spawn", "net.connect")
                .syscalls("ptrace", "getrandom").exec("/usr/bin/git", "/bin/sh"));
        PolicyChange change = ManifestDiff.between(OLD, neu).module("app.main").orElseThrow();
        assertThat(change.status()).isEqualTo(Status.CHANGED);
        assertThat(change.risky()).isTrue();
        assertThat(change.changes()).containsExactly(
                new Change("capability", "fs.read", false, false),
                new Change("capability", "net.connect", true, false),
                new Change("capability", "proc.spawn", true, true),
                new Change("syscall", "getrandom", true, false),
                new Change("syscall", "ptrace", true, true),
                new Change("exec", "/bin/sh", true, true));
        assertThat(change.capabilitiesAdded()).containsExactly("net.connect", "proc.spawn");
        assertThat(change.capabilitiesRemoved()).containsExactly("fs.read");
        assertThat(change.syscallsAdded()).containsExactly("getrandom", "ptrace");
        assertThat(change.syscallsRemoved()).isEmpty();
        assertThat(change.execAdded()).containsExactly("/bin/sh");
        assertThat(change.execRemoved()).isEmpty();
    }

    @Test
    void removalsAreNeverRisky() {
        Manifest neu = ManifestFixtures.aManifestWith("app.main", ModulePolicy.EMPTY);
        ManifestDiff diff = ManifestDiff.between(OLD, neu);
        assertThat(diff.risky()).isFalse();
        assertThat(diff.module("app.main").orElseThrow().execRemoved()).containsExactly("/usr/bin/git");
    }

    @Test
    void syscallsOutsideTheCatalogCountAsRisky() {
        Manifest neu = ManifestFixtures.aManifestWith("app.main", policy().capabilities("io", "fs.read")
                .exec("/usr/bin/git").syscalls("syscall_1000", "mmap:exec"));
        assertThat(ManifestDiff.between(OLD, neu).module("app.main").orElseThrow().changes())
                .extracting(Change::name, Change::risky)
                .containsExactly(tuple("mmap:exec", true),
                        tuple("syscall_1000", true));
    }

    @Test
    void rendersUnifiedText() {
        Manifest neu = Manifest.of("fastapi-demo", "x86_64", "3.12",
                policy().capabilities("sys.basic", "mem", "proc.thread").build(),
                Map.of("<interpreter>", policy().capabilities("fs.read", "io").build(),
                        "app.main", policy().capabilities("fs.read", "io", "proc.spawn").exec("/usr/bin/git").build(),
                        "app.worker", policy().capabilities("net.connect").build()));
        ManifestDiff diff = ManifestDiff.between(OLD, neu);
        assertThat(diff.toText()).isEqualTo("""
                - python: 3.11
                + python: 3.12
                + (defaults): capability proc.thread
                + app.main: capability proc.spawn  [risky]
                + app.worker: module
                + app.worker: capability net.connect
                - uvicorn: module
                - uvicorn: capability net.listen
                """);
        assertThat(diff.isEmpty()).isFalse();
        assertThat(diff.risky()).isTrue();
        assertThat(diff.fields()).containsExactly(new ManifestDiff.FieldChange("python", "3.11", "3.12"));
        assertThat(diff.module("app.worker").orElseThrow().status()).isEqualTo(Status.ADDED);
        assertThat(diff.module("uvicorn").orElseThrow().status()).isEqualTo(Status.REMOVED);
        assertThat(diff.module("<interpreter>").orElseThrow().status()).isEqualTo(Status.UNCHANGED);
        assertThat(diff.defaults().status()).isEqualTo(Status.CHANGED);
    }

    @Test
    void addingAnEmptyModuleIsAChangeButNotRisky() {
        ManifestDiff diff = ManifestDiff.between(OLD, ManifestFixtures.aManifestWith("app.idle", ModulePolicy.EMPTY));
        assertThat(diff.isEmpty()).isFalse();
        assertThat(diff.risky()).isFalse();
        assertThat(diff.toText()).isEqualTo("+ app.idle: module\n");
    }

    @Test
    void riskyDefaultsAreFlagged() {
        Manifest neu = OLD.withDefaults(policy().capabilities("sys.basic", "mem", "sys.admin").build());
        ManifestDiff diff = ManifestDiff.between(OLD, neu);
        assertThat(diff.defaults().risky()).isTrue();
        assertThat(diff.toText()).isEqualTo("+ (defaults): capability sys.admin  [risky]\n");
    }

    @Test
    void rendersJson() {
        Manifest neu = ManifestFixtures.aManifestWith("app.main", policy().capabilities("io", "fs.read")
                .exec("/usr/bin/git", "/bin/sh"));
        JsonNode json = JsonMapper.builder().build().readTree(ManifestDiff.between(OLD, neu).toJson());
        assertThat(json.get("empty").asBoolean()).isFalse();
        assertThat(json.get("risky").asBoolean()).isTrue();
        assertThat(json.get("fields").size()).isZero();
        assertThat(json.get("defaults").get("status").asString()).isEqualTo("unchanged");
        JsonNode app = json.get("modules").get("app.main");
        assertThat(app.get("status").asString()).isEqualTo("changed");
        assertThat(app.get("risky").asBoolean()).isTrue();
        assertThat(app.get("changes").get(0).toString())
                .isEqualTo("{\"op\":\"added\",\"kind\":\"exec\",\"name\":\"/bin/sh\",\"risky\":true}");
        assertThat(json.get("modules").get("uvicorn").get("status").asString()).isEqualTo("unchanged");
    }
}
