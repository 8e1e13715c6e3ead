package io.capgate.model.manifest;

import static io.capgate.model.manifest.ModulePolicies.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ManifestWriterTest {

    private final ManifestParser parser = new ManifestParser();

    @Test
    void writesCanonicalYaml() {
        assertThat(ManifestWriter.toYaml(ManifestFixtures.aManifest())).isEqualTo(ManifestFixtures.A_MANIFEST_YAML);
    }

    @Test
    void writesCanonicalJson() {
        assertThat(ManifestWriter.toJson(ManifestFixtures.aManifest())).isEqualTo("{\"apiVersion\":\"capgate.io/v1\","
                + "\"service\":\"fastapi-demo\",\"arch\":\"x86_64\",\"python\":\"3.11\","
                + "\"defaults\":{\"capabilities\":[\"mem\",\"sys.basic\"],\"syscalls\":[]},"
                + "\"modules\":{\"<interpreter>\":{\"capabilities\":[\"fs.read\",\"io\"],\"syscalls\":[],\"exec\":[]},"
                + "\"app.main\":{\"capabilities\":[\"fs.read\",\"io\"],\"syscalls\":[],"
                + "\"exec\":[\"/usr/bin/git\"]},"
                + "\"uvicorn\":{\"capabilities\":[\"net.listen\"],\"syscalls\":[],\"exec\":[]}}}");
    }

    @Test
    void writesAnEmptyModuleMapInline() {
        Manifest manifest = Manifest.of("demo", "aarch64", "3.9", ModulePolicy.EMPTY, Map.of());
        assertThat(ManifestWriter.toYaml(manifest)).isEqualTo("""
                apiVersion: capgate.io/v1
                service: demo
                arch: aarch64
                python: "3.9"
                defaults:
                  capabilities: []
                  syscalls: []
                modules: {}
                """);
        assertThat(parser.parse(ManifestWriter.toYaml(manifest), "x")).isEqualTo(manifest);
    }

    @Test
    void quotesOnlyWhatWouldNotReadBackAsThePlainString() {
        assertThat(ManifestWriter.scalar("app.main")).isEqualTo("app.main");
        assertThat(ManifestWriter.scalar("/usr/bin/git")).isEqualTo("/usr/bin/git");
        assertThat(ManifestWriter.scalar("<interpreter>")).isEqualTo("\"<interpreter>\"");
        assertThat(ManifestWriter.scalar("openat:write")).isEqualTo("\"openat:write\"");
        assertThat(ManifestWriter.scalar("3.11")).isEqualTo("\"3.11\"");
        assertThat(ManifestWriter.scalar("on")).isEqualTo("\"on\"");
        assertThat(ManifestWriter.scalar("null")).isEqualTo("\"null\"");
        assertThat(ManifestWriter.scalar("0x1f")).isEqualTo("\"0x1f\"");
        assertThat(ManifestWriter.scalar("a\"b\\c\n\u00e9")).isEqualTo("\"a\\\"b\\\\c\\u000A\\u00E9\"");
    }

    @Test
    void variantsAndPseudoModulesSurviveTheRoundTrip() {
        Manifest manifest = ManifestFixtures.aManifestWith(ModulePolicy.EXEC,
                policy().syscalls("openat:write", "clone3:thread", "mmap:exec").exec("/usr/bin/x@1+y"));
        assertThat(ManifestWriter.toYaml(manifest))
                .contains("  \"<exec>\":\n    capabilities: []\n    syscalls: [\"clone3:thread\", \"mmap:exec\", \"openat:write\"]\n"
                        + "    exec: [/usr/bin/x@1+y]\n");
        assertThat(parser.parse(ManifestWriter.toYaml(manifest), "x")).isEqualTo(manifest);
    }

    @Test
    void roundTripsGeneratedManifestsThroughYamlAndJson() {
        ManifestGenerator generator = new ManifestGenerator(20_261_125L);
        for (int i = 0; i < 500; i++) {
            Manifest manifest = generator.next();
            String yaml = ManifestWriter.toYaml(manifest);
            assertThat(parser.parse(yaml, "generated-" + i + ".yaml")).as(yaml).isEqualTo(manifest);
            String json = ManifestWriter.toJson(manifest);
            assertThat(parser.parse(json, "generated-" + i + ".json")).as(json).isEqualTo(manifest);
            assertThat(ManifestWriter.toYaml(parser.parse(yaml, "again"))).isEqualTo(yaml);
        }
    }

    @Test
    void refusesDefaultsWithExecInsteadOfWritingAnUnparsableManifest() {
        Manifest manifest = ManifestFixtures.aManifest().withDefaults(policy().exec("/bin/sh").build());
        assertThatThrownBy(() -> ManifestWriter.toYaml(manifest)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("defaults cannot allow exec");
        assertThatThrownBy(() -> ManifestWriter.toJson(manifest)).isInstanceOf(IllegalArgumentException.class);
    }
}
