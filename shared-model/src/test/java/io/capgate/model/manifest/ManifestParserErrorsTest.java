package io.capgate.model.manifest;

import static io.capgate.model.manifest.ParserTestSupport.HEADER;
import static io.capgate.model.manifest.ParserTestSupport.SOURCE;
import static io.capgate.model.manifest.ParserTestSupport.problem;
import static io.capgate.model.manifest.ParserTestSupport.problems;
import static io.capgate.model.manifest.ParserTestSupport.withModule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a manifest is rejected, with its position and message. */
class ManifestParserErrorsTest {

    @Test
    void yamlSyntaxErrorPointsAtTheProblem() {
        ManifestProblem p = problem(HEADER + "modules:\n  app: {capabilities: [io}\n");
        assertThat(p.line()).isEqualTo(6);
        assertThat(p.column()).isEqualTo(26);
        assertThat(p.message()).startsWith("YAML syntax error: ");
    }

    @Test
    void messageIsOneSourceLineColumnLinePerProblem() {
        assertThatThrownBy(() -> ParserTestSupport.parse("service: [\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessageMatching(SOURCE + ":2:1: YAML syntax error: .*");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "- a                 | a list",
            "just text           | a string",
            "42                  | the number '42'",
            "~                   | nothing (null)"})
    void topLevelMustBeAMapping(String yaml, String found) {
        assertThat(problem(yaml + "\n"))
                .isEqualTo(new ManifestProblem(SOURCE, 1, 1, "the manifest must be a mapping, found " + found));
    }

    @Test
    void emptyDocument() {
        assertThat(problem("# nothing\n").message()).startsWith("the document is empty");
    }

    @Test
    void severalDocuments() {
        ManifestProblem p = problem(ManifestFixtures.A_MANIFEST_YAML + "---\n" + ManifestFixtures.A_MANIFEST_YAML);
        assertThat(p.line()).isEqualTo(21);
        assertThat(p.message()).contains("expected a single document");
    }

    @Test
    void missingRequiredKeysAreEachReported() {
        assertThat(problems("defaults: {}\n")).extracting(ManifestProblem::message).containsExactly(
                "missing required key 'apiVersion'", "missing required key 'service'", "missing required key 'arch'",
                "missing required key 'python'", "missing required key 'modules'");
    }

    @Test
    void unknownTopLevelKeySuggestsTheClosest() {
        assertThat(problem(HEADER + "modules: {}\nmodlues: {}\n")).isEqualTo(new ManifestProblem(SOURCE, 6, 1,
                "unknown key 'modlues' in the manifest; expected apiVersion, service, arch, python, defaults, modules;"
                        + " did you mean 'modules'?"));
    }

    @Test
    void unknownPolicyKeySuggestsTheClosest() {
        assertThat(problem(withModule("syscall: [read]"))).isEqualTo(new ManifestProblem(SOURCE, 6, 9,
                "unknown key 'syscall' in module 'app'; expected capabilities, syscalls, exec; did you mean 'syscalls'?"));
        assertThat(problem(HEADER + "defaults: {capability: [io]}\nmodules: {}\n").message()).isEqualTo(
                "unknown key 'capability' in defaults; expected capabilities, syscalls; did you mean 'capabilities'?");
    }

    @Test
    void unknownKeyFarFromAnyGetsNoSuggestion() {
        assertThat(problem(HEADER + "modules: {}\nrunAsRoot: true\n").message())
                .endsWith("expected apiVersion, service, arch, python, defaults, modules");
    }

    @Test
    void scalarWhereAListIsExpected() {
        assertThat(problem(withModule("capabilities: io"))).isEqualTo(new ManifestProblem(SOURCE, 6, 23,
                "capabilities of module 'app' must be a list, found a string; write a one-element list as [net.connect]"));
    }

    @Test
    void nullWhereAListIsExpected() {
        assertThat(problem(HEADER + "modules:\n  app:\n    exec:\n").message())
                .isEqualTo("exec of module 'app' must be a list, found nothing (null); write [] for an empty list");
    }

    @Test
    void listWhereAMappingIsExpected() {
        assertThat(problem(HEADER + "modules:\n  app: [io]\n"))
                .isEqualTo(new ManifestProblem(SOURCE, 6, 8, "module 'app' must be a mapping, found a list"));
        assertThat(problem(HEADER + "modules: [app]\n").message()).isEqualTo("modules must be a mapping, found a list");
        assertThat(problem(HEADER + "defaults: []\nmodules: {}\n").message())
                .isEqualTo("defaults must be a mapping, found a list");
    }

    @Test
    void mappingOrNumberWhereAStringIsExpected() {
        assertThat(problem(HEADER.replace("service: demo", "service: {name: demo}") + "modules: {}\n").message())
                .isEqualTo("service must be a string, found a mapping");
        assertThat(problem(withModule("capabilities: [io, 42]")).message())
                .isEqualTo("an entry of capabilities of module 'app' must be a string, found the number '42'; quote it");
    }

    @Test
    void unquotedPythonVersionIsANumberAndRejected() {
        assertThat(problem(HEADER.replace("\"3.11\"", "3.10") + "modules: {}\n"))
                .isEqualTo(new ManifestProblem(SOURCE, 4, 9, "python must be a string, found the number '3.10'; quote it"));
    }

    @Test
    void booleanLookingModuleNameMustBeQuoted() {
        assertThat(problem(HEADER + "modules:\n  on: {}\n").message())
                .isEqualTo("module in modules must be a string, found the boolean 'on'; quote it");
        assertThat(ParserTestSupport.parse(HEADER + "modules:\n  \"on\": {}\n").modules()).containsOnlyKeys("on");
    }

    @Test
    void wrongApiVersion() {
        assertThat(problem(HEADER.replace("capgate.io/v1", "capgate.io/v2") + "modules: {}\n")).isEqualTo(
                new ManifestProblem(SOURCE, 1, 13, "unsupported apiVersion 'capgate.io/v2'; expected capgate.io/v1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Demo", "-demo", "demo service", "demo/x", "", "a234567890123456789012345678901234567890123456789012345678901234"})
    void badServiceName(String service) {
        String yaml = HEADER.replace("service: demo", "service: " + ParserTestSupport.quoted(service)) + "modules: {}\n";
        ManifestProblem p = problem(yaml);
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.column()).isEqualTo(10);
        assertThat(p.message()).startsWith("invalid service name " + ManifestGrammar.show(service) + ": ");
    }

    @Test
    void badArch() {
        assertThat(problem(HEADER.replace("x86_64", "amd64") + "modules: {}\n"))
                .isEqualTo(new ManifestProblem(SOURCE, 3, 7, "unknown arch 'amd64'; expected one of x86_64, aarch64"));
    }

    @Test
    void badArchStillChecksTheSyntaxOfSyscalls() {
        List<ManifestProblem> problems = problems(HEADER.replace("x86_64", "riscv64")
                + "modules:\n  app: {syscalls: [read, \"re ad\"]}\n");
        assertThat(problems).extracting(ManifestProblem::line).containsExactly(3, 6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "2.7", "3.100", "3.11.2", "3.x", " 3.11", "4.0"})
    void badPythonVersion(String python) {
        ManifestProblem p = problem(HEADER.replace("\"3.11\"", ParserTestSupport.quoted(python)) + "modules: {}\n");
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.message()).startsWith("invalid python version " + ManifestGrammar.show(python) + ": ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1app", "app..main", "app.", ".app", "-app", "app.-main", "<module>", "app.main.", "os.system("})
    void badModuleName(String module) {
        ManifestProblem p = problem(HEADER + "modules:\n  " + ParserTestSupport.quoted(module) + ": {}\n");
        assertThat(p.line()).isEqualTo(6);
        assertThat(p.column()).isEqualTo(3);
        assertThat(p.message()).startsWith("invalid module name " + ManifestGrammar.show(module) + ": ")
                .contains("expected a dotted Python module name").contains("or one of <exec>, <interpreter>");
    }

    @Test
    void tooLongModuleName() {
        String name = "a".repeat(ManifestGrammar.MODULE_MAX + 1);
        assertThat(problem(HEADER + "modules:\n  \"" + name + "\": {}\n").message())
                .endsWith(": is 201 characters long, the limit is 200");
    }

    @Test
    void duplicateModulePointsAtTheSecondOccurrence() {
        assertThat(problem(HEADER + "modules:\n  app: {}\n  lib: {}\n  app: {capabilities: [io]}\n"))
                .isEqualTo(new ManifestProblem(SOURCE, 8, 3, "duplicate module 'app' in modules (first at 6:3)"));
    }

    @Test
    void duplicateKeysAreDetectedInEveryMapping() {
        assertThat(problem(HEADER + "modules: {}\nservice: other\n"))
                .isEqualTo(new ManifestProblem(SOURCE, 6, 1, "duplicate key 'service' in the manifest (first at 2:1)"));
        assertThat(problem(withModule("exec: [], exec: [/bin/sh]")).message())
                .isEqualTo("duplicate key 'exec' in module 'app' (first at 6:9)");
        assertThat(problem(HEADER + "defaults: {syscalls: [], syscalls: []}\nmodules: {}\n").message())
                .isEqualTo("duplicate key 'syscalls' in defaults (first at 5:12)");
    }

    @Test
    void theBodiesOfDuplicatesAreCheckedToo() {
        assertThat(problems(HEADER + "modules:\n  app: {}\n  app: {exec: [bin/sh]}\n"))
                .extracting(p -> p.line() + ":" + p.column()).containsExactly("7:3", "7:16");
        assertThat(problems(withModule("exec: [], exec: [bin/sh]")))
                .extracting(p -> p.line() + ":" + p.column()).containsExactly("6:19", "6:26");
        assertThat(problems(HEADER + "modules: {}\nmodules: {app: {capabilities: [nope]}}\n"))
                .extracting(p -> p.line() + ":" + p.column()).containsExactly("6:1", "6:32");
    }

    @Test
    void duplicateListEntriesAreErrors() {
        assertThat(problem(withModule("syscalls: [getrandom, read, getrandom]")))
                .isEqualTo(new ManifestProblem(SOURCE, 6, 37, "duplicate entry 'getrandom' in syscalls of module 'app'"
                        + " (first at 6:20)"));
    }

    @Test
    void unknownSyscallSuggestsClosestNames() {
        assertThat(problem(withModule("syscalls: [opne]")))
                .isEqualTo(new ManifestProblem(SOURCE, 6, 20, "unknown syscall 'opne' for x86_64; did you mean 'open'?"));
        assertThat(problem(withModule("syscalls: [frobnicate]")).message())
                .isEqualTo("unknown syscall 'frobnicate' for x86_64");
    }

    @Test
    void syscallOfTheOtherArch() {
        String yaml = HEADER.replace("x86_64", "aarch64") + "modules:\n  app: {syscalls: [fork]}\n";
        assertThat(problem(yaml).message()).startsWith("syscall 'fork' does not exist on aarch64, only on x86_64");
    }

    @Test
    void badVariants() {
        assertThat(problem(withModule("syscalls: [read:write]")).message())
                .isEqualTo("variant 'write' does not apply to 'read'; it applies only to open, openat, openat2");
        assertThat(problem(withModule("syscalls: [openat:exec]")).message())
                .isEqualTo("variant 'exec' does not apply to 'openat'; it applies only to mmap, mprotect, pkey_mprotect");
        assertThat(problem(withModule("syscalls: [openat:read]")).message())
                .startsWith("unknown variant 'read' in 'openat:read'");
    }

    @Test
    void rawSyscallNumberThatHasAName() {
        assertThat(problem(withModule("syscalls: [syscall_2]")).message())
                .isEqualTo("'syscall_2' is open on x86_64; write 'open' instead");
    }

    @Test
    void unknownCapabilityGroupSuggestsTheClosest() {
        assertThat(problem(withModule("capabilities: [fs.raed]")))
                .isEqualTo(new ManifestProblem(SOURCE, 6, 24, "unknown capability group 'fs.raed'; did you mean 'fs.read'?"));
        assertThat(problem(withModule("capabilities: [everything]")).message())
                .isEqualTo("unknown capability group 'everything'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"usr/bin/git", "/usr/bin/", "/usr//bin/git", "/usr/./bin/git", "/usr/bin/..", "/",
            "/usr/bin/my tool", "~/bin/tool", "/usr/bin/git;id"})
    void badExecPath(String path) {
        ManifestProblem p = problem(withModule("exec: [" + ParserTestSupport.quoted(path) + "]"));
        assertThat(p.line()).isEqualTo(6);
        assertThat(p.column()).isEqualTo(16);
        assertThat(p.message()).contains("exec path " + ManifestGrammar.show(path))
                .satisfiesAnyOf(m -> assertThat(m).contains("not normalized"),
                        m -> assertThat(m).contains("expected an absolute path"));
    }

    @Test
    void execInDefaults() {
        assertThat(problem(HEADER + "defaults:\n  exec: [/bin/sh]\nmodules: {}\n")).isEqualTo(new ManifestProblem(
                SOURCE, 6, 3, "exec is not allowed in defaults; list each program under the module that runs it"));
    }

    @Test
    void anchorsAndAliasesAreRejected() {
        List<ManifestProblem> problems = problems(HEADER + "defaults: {capabilities: &base [io]}\n"
                + "modules:\n  app: {capabilities: *base}\n");
        assertThat(problems).containsExactly(new ManifestProblem(SOURCE, 5, 26,
                "YAML anchors and aliases (&base, *base) are not allowed in a manifest"));
    }

    @Test
    void mergeKeysAreRejected() {
        assertThat(problem(withModule("<<: {capabilities: [io]}")).message())
                .isEqualTo("key in module 'app' must be a string, found the YAML merge key '<<'");
    }

    @Test
    void explicitTagsAreRejected() {
        assertThat(problem(withModule("capabilities: !!set {io: null}")).message())
                .isEqualTo("YAML tag 'tag:yaml.org,2002:set' is not allowed in a manifest");
        assertThat(problem(withModule("exec: [!local /bin/sh]")).message())
                .isEqualTo("YAML tag '!local' is not allowed in a manifest");
    }

    @Test
    void globalTagsNeverConstructAnything() {
        ManifestProblem p = problem(withModule("exec: !!javax.script.ScriptEngineManager [/bin/sh]"));
        assertThat(p.message()).startsWith("YAML error: Global tag is not allowed");
    }

    @Test
    void collectsEveryProblemInDocumentOrder() {
        String yaml = """
                apiVersion: capgate.io/v9
                service: Demo
                arch: x86_64
                python: "3.11"
                defaults: {capabilities: [memory], exec: [/bin/sh]}
                modules:
                  app: {syscalls: [opne], exec: [bin/sh]}
                  9lib: {}
                """;
        assertThat(problems(yaml)).extracting(p -> p.line() + ":" + p.column()).containsExactly(
                "1:13", "2:10", "5:27", "5:36", "7:20", "7:34", "8:3");
    }
}
