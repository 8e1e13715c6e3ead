package io.capgate.model.manifest;

import static io.capgate.model.manifest.ModulePolicies.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class ManifestHashTest {

    private final ManifestParser parser = new ManifestParser();

    @Test
    void isSha256OfTheCanonicalJson() throws Exception {
        Manifest manifest = ManifestFixtures.aManifest();
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(ManifestWriter.toJson(manifest).getBytes(StandardCharsets.UTF_8));
        assertThat(ManifestHash.of(manifest)).isEqualTo("sha256:" + HexFormat.of().formatHex(digest))
                .matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void formattingKeyOrderListOrderAndSyntaxDoNotChangeIt() {
        String reordered = """
                modules:
                  uvicorn: {capabilities: [net.listen]}   # serves HTTP
                  app.main:
                    exec: ['/usr/bin/git']
                    syscalls:
                      []
                    capabilities: [io, fs.read]
                  "<interpreter>": {capabilities: [io, fs.read], exec: []}
                defaults: {syscalls: [], capabilities: [sys.basic, mem]}
                python: '3.11'
                arch: "x86_64"
                service: fastapi-demo
                apiVersion: capgate.io/v1
                """;
        String expected = ManifestHash.of(ManifestFixtures.aManifest());
        assertThat(ManifestHash.of(parser.parse(reordered, "reordered.yaml"))).isEqualTo(expected);
        assertThat(ManifestHash.of(parser.parse(ManifestFixtures.A_MANIFEST_YAML, "canonical.yaml"))).isEqualTo(expected);
        String json = ManifestWriter.toJson(ManifestFixtures.aManifest());
        assertThat(ManifestHash.of(parser.parse(json, "canonical.json"))).isEqualTo(expected);
    }

    @Test
    void anyChangeOfWhatIsAllowedChangesIt() {
        String base = ManifestHash.of(ManifestFixtures.aManifest());
        assertThat(ManifestHash.of(ManifestFixtures.aManifestWith("uvicorn", policy().capabilities("net.connect"))))
                .isNotEqualTo(base);
        assertThat(ManifestHash.of(ManifestFixtures.aManifestWith("new.module", ModulePolicy.EMPTY))).isNotEqualTo(base);
        assertThat(ManifestHash.of(ManifestFixtures.aManifest().withDefaults(policy().capabilities("mem").build())))
                .isNotEqualTo(base);
    }
}
