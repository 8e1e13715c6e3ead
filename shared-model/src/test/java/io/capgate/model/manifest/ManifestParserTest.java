package io.capgate.model.manifest;

import static io.capgate.model.manifest.ModulePolicies.policy;
import static io.capgate.model.manifest.ParserTestSupport.HEADER;
import static io.capgate.model.manifest.ParserTestSupport.parse;
import static io.capgate.model.manifest.ParserTestSupport.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.capgate.model.syscalls.Arch;
import io.capgate.model.syscalls.SyscallTable;

/** Documents the parser accepts. Rejections are in {@link ManifestParserErrorsTest} and {@link ManifestParserHostileTest}. */
class ManifestParserTest {

    @Test
    void parsesTheCanonicalFixture() {
        assertThat(parse(ManifestFixtures.A_MANIFEST_YAML)).isEqualTo(ManifestFixtures.aManifest());
    }

    @Test
    void parsesTheHandWrittenFormOfTheReferenceExample() {
        String yaml = """
                # comments are fine
                apiVersion: capgate.io/v1
                service: fastapi-demo
                arch: x86_64
                python: "3.11"
                defaults:
                  capabilities: [sys.basic, mem]
                  syscalls: []
                modules:
                  <interpreter>:
                    capabilities: [fs.read, io]
                  app.main:
                    capabilities: [io, fs.read]
                    exec: [/usr/bin/git]
                  uvicorn:
                    capabilities:
                      - net.listen
                """;
        assertThat(parse(yaml)).isEqualTo(ManifestFixtures.aManifest());
    }

    @Test
    void parsesJson() {
        String json = """
                {"apiVersion": "capgate.io/v1", "service": "fastapi-demo", "arch": "x86_64", "python": "3.11",
                 "defaults": {"capabilities": ["sys.basic", "mem"], "syscalls": []},
                 "modules": {"<interpreter>": {"capabilities": ["fs.read", "io"]},
                             "app.main": {"capabilities": ["io", "fs.read"], "syscalls": [],
                                          "exec": ["/usr/bin/git"]},
                             "uvicorn": {"capabilities": ["net.listen"]}}}
                """;
        assertThat(parse(json)).isEqualTo(ManifestFixtures.aManifest());
    }

    @Test
    void defaultsAreOptionalAndEmptyWhenAbsent() {
        Manifest manifest = parse(HEADER + "modules: {}\n");
        assertThat(manifest.defaults()).isEqualTo(ModulePolicy.EMPTY);
        assertThat(manifest.modules()).isEmpty();
        assertThat(manifest.service()).isEqualTo("demo");
        assertThat(manifest.python()).isEqualTo("3.11");
    }

    @Test
    void missingPolicyKeysMeanEmptyLists() {
        Manifest manifest = parse(HEADER + "modules:\n  app: {}\n");
        assertThat(manifest.module("app")).isEqualTo(ModulePolicy.EMPTY);
        assertThat(manifest.modules()).containsKey("app");
    }

    @Test
    void acceptsEveryPseudoModule() {
        StringBuilder yaml = new StringBuilder(HEADER + "modules:\n");
        ModulePolicy.PSEUDO_MODULES.forEach(m -> yaml.append("  ").append(m).append(": {}\n"));
        assertThat(parse(yaml.toString()).modules()).containsOnlyKeys(ModulePolicy.PSEUDO_MODULES);
    }

    @Test
    void acceptsVariantsAndRawNumbersTheTableDoesNotName() {
        SyscallTable table = SyscallTable.of(Arch.X86_64);
        int unnamed = IntStream.range(0, 1024).filter(nr -> table.name(nr).isEmpty()).findFirst().orElseThrow();
        Manifest manifest = parse(HEADER + "modules:\n  app: {syscalls: [openat:write, clone3:thread, mmap:exec, syscall_"
                + unnamed + "]}\n");
        assertThat(manifest.module("app").syscalls())
                .containsExactly("clone3:thread", "mmap:exec", "openat:write", "syscall_" + unnamed);
    }

    @Test
    void checksSyscallsAgainstTheManifestsArch() {
        String yaml = HEADER.replace("x86_64", "aarch64") + "modules:\n  app: {syscalls: [openat, renameat2]}\n";
        assertThat(parse(yaml).arch()).isEqualTo("aarch64");
        assertThat(problem(yaml.replace("openat,", "open,")).message())
                .isEqualTo("syscall 'open' does not exist on aarch64, only on x86_64; did you mean 'fsopen', 'openat'"
                        + " or 'mq_open'?");
    }

    @Test
    void acceptsModuleNamesAtTheLengthLimit() {
        String name = "a".repeat(ManifestGrammar.MODULE_MAX);
        assertThat(parse(HEADER + "modules:\n  " + name + ": {}\n").modules()).containsOnlyKeys(name);
    }

    @Test
    void ignoresALeadingByteOrderMark() {
        assertThat(parse("\uFEFF" + ManifestFixtures.A_MANIFEST_YAML)).isEqualTo(ManifestFixtures.aManifest());
    }

    @Test
    void readsFilesAndNamesThemInProblems(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("capgate.yaml");
        Files.writeString(file, ManifestFixtures.A_MANIFEST_YAML);
        assertThat(new ManifestParser().parse(file)).isEqualTo(ManifestFixtures.aManifest());

        Files.writeString(file, HEADER + "modules: []\n");
        assertThatThrownBy(() -> new ManifestParser().parse(file))
                .isInstanceOf(ManifestException.class)
                .hasMessage(file + ":5:10: modules must be a mapping, found a list");
    }

    @Test
    void rejectsFilesOverTheSizeLimitWithoutReadingThemWhole(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.write(file, new byte[ManifestParser.MAX_SIZE + 1]);
        assertThatThrownBy(() -> new ManifestParser().parse(file))
                .isInstanceOf(ManifestException.class)
                .hasMessage(file + ":1:1: the file is larger than the 4194304 byte (4 MiB) limit");
    }

    @Test
    void rejectsFilesThatAreNotUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, (HEADER + "modules: {caf\u00e9: {}}\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> new ManifestParser().parse(file))
                .isInstanceOf(ManifestException.class)
                .hasMessage(file + ":1:1: the file is not valid UTF-8");
    }
}
