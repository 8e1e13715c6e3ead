package io.capgate.agent.cli;

import static io.capgate.model.manifest.ManifestFixtures.aManifest;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestDiff;
import io.capgate.model.manifest.ManifestFixtures;
import io.capgate.model.manifest.ManifestWriter;
import io.capgate.model.manifest.ModulePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private Path write(String name, Manifest manifest) throws Exception {
        return Files.writeString(dir.resolve(name), ManifestWriter.toYaml(manifest));
    }

    private static Manifest widened() {
        return aManifest().withModule("app.main", ModulePolicy.of(java.util.Set.of("fs.read", "io", "proc.spawn"),
                java.util.Set.of(), java.util.Set.of("/usr/bin/git", "/bin/sh")));
    }

    @Test
    void sameManifestsExitZeroAndPrintNothing() throws Exception {
        Path old = write("old.yaml", aManifest());
        Path neu = Files.writeString(dir.resolve("new.json"), ManifestWriter.toJson(aManifest()));
        assertThat(cli.execute("diff", old.toString(), neu.toString())).isZero();
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void differencesExitOneWithTheUnifiedText() throws Exception {
        Path old = write("old.yaml", aManifest());
        Path neu = write("new.yaml", widened());
        assertThat(cli.execute("diff", old.toString(), neu.toString())).isEqualTo(1);
        assertThat(cli.out()).isEqualTo(ManifestDiff.between(aManifest(), widened()).toText())
                .contains("+ app.main: capability proc.spawn  [risky]")
                .contains("+ app.main: exec /bin/sh  [risky]");
    }

    @Test
    void jsonForTools() throws Exception {
        Path old = write("old.yaml", aManifest());
        Path neu = write("new.yaml", widened());
        assertThat(cli.execute("diff", "--json", old.toString(), neu.toString())).isEqualTo(1);
        assertThat(cli.out()).isEqualTo(ManifestDiff.between(aManifest(), widened()).toJson() + "\n")
                .startsWith("{\"empty\":false,\"risky\":true");

        assertThat(cli.execute("diff", "--json", old.toString(), old.toString())).isZero();
        assertThat(cli.out()).startsWith("{\"empty\":true,\"risky\":false");
    }

    @Test
    void invalidManifestsAreReportedWithPositionsAndExit65() throws Exception {
        Path old = Files.writeString(dir.resolve("old.yaml"), ManifestFixtures.A_MANIFEST_YAML
                .replace("arch: x86_64", "arch: sparc"));
        Path neu = Files.writeString(dir.resolve("new.yaml"), ManifestFixtures.A_MANIFEST_YAML
                .replace("capabilities: [net.listen]", "capabilities: [net.lisen]"));
        assertThat(cli.execute("diff", old.toString(), neu.toString())).isEqualTo(65);
        assertThat(cli.err().lines().toList()).satisfiesExactly(
                line -> assertThat(line).startsWith(old + ":3:7: unknown arch 'sparc'"),
                line -> assertThat(line).startsWith(neu + ":18:20: ").contains("net.lisen"),
                line -> assertThat(line).isEqualTo("capgate: 2 manifests: 2 problems (each listed above)"));
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void aMissingFileIsNoInput() throws Exception {
        Path old = write("old.yaml", aManifest());
        assertThat(cli.execute("diff", old.toString(), dir.resolve("nope.yaml").toString())).isEqualTo(66);
        assertThat(cli.err()).isEqualTo("capgate: " + dir.resolve("nope.yaml") + ": no such file\n");
    }

    @Test
    void needsExactlyTwoFiles() {
        assertThat(cli.execute("diff", "a.yaml")).isEqualTo(64);
        assertThat(cli.execute("diff", "a.yaml", "b.yaml", "c.yaml")).isEqualTo(64);
    }
}
