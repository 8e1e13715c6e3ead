package io.capgate.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestFixtures;
import io.capgate.model.manifest.ManifestParser;
import io.capgate.model.trace.TraceFixtures;
import io.capgate.model.trace.TraceJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCommandTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private Path trace(String name, String json) throws Exception {
        return Files.writeString(dir.resolve(name), json);
    }

    @Test
    void buildsTheExpectedManifest() throws Exception {
        Path trace = trace("t.json", TraceFixtures.A_TRACE_JSON);
        Path out = dir.resolve("m.yaml");

        assertThat(cli.execute("build", trace.toString(), "-o", out.toString())).isZero();

        assertThat(Files.readString(out)).isEqualTo(ManifestFixtures.A_MANIFEST_YAML);
        assertThat(cli.err()).contains("capgate: wrote " + out + " (3 modules)");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void printsToStdoutWithDash() throws Exception {
        Path trace = trace("t.json", TraceFixtures.A_TRACE_JSON);
        assertThat(cli.execute("build", trace.toString(), "-o", "-")).isZero();
        assertThat(cli.out()).isEqualTo(ManifestFixtures.A_MANIFEST_YAML);
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void takesTheServiceAndDefaultGroups() throws Exception {
        Path trace = trace("t.json", TraceFixtures.A_TRACE_JSON);
        assertThat(cli.execute("build", trace.toString(), "-o", "-", "--service", "shop",
                "--defaults", "sys.basic,mem,fs.read")).isZero();
        Manifest manifest = new ManifestParser().parse(cli.out(), "out");
        assertThat(manifest.service()).isEqualTo("shop");
        assertThat(manifest.defaults().capabilities()).containsExactly("fs.read", "mem", "sys.basic");

        assertThat(cli.execute("build", trace.toString(), "-o", "-", "--defaults", "")).isZero();
        assertThat(new ManifestParser().parse(cli.out(), "out").defaults().capabilities()).isEmpty();
    }

    @Test
    void mergesSeveralTraces() throws Exception {
        Path first = trace("a.json", TraceFixtures.A_TRACE_JSON);
        Path second = trace("b.json", TraceJson.write(TraceFixtures.aTraceWith("app.jobs",
                TraceFixtures.module().exec("/usr/bin/convert", 2).build())));
        assertThat(cli.execute("build", first.toString(), second.toString(), "-o", "-")).isZero();
        Manifest manifest = new ManifestParser().parse(cli.out(), "out");
        assertThat(manifest.modules()).containsKeys("app.jobs", "app.main", "uvicorn");
        assertThat(manifest.module("app.jobs").exec()).containsExactly("/usr/bin/convert");
    }

    @Test
    void aBadTraceIsReportedWithItsPosition() throws Exception {
        Path trace = trace("bad.json", "{\n  \"apiVersion\" : \"capgate.io/v1\",\n  \"arch\" : 7,\n"
                + "  \"modules\" : { }\n}\n");
        Path out = dir.resolve("m.yaml");
        assertThat(cli.execute("build", trace.toString(), "-o", out.toString())).isEqualTo(65);
        assertThat(cli.err()).startsWith(trace + ":3:").contains("capgate: 1 trace could not be read");
        assertThat(out).doesNotExist();

        Path broken = trace("broken.json", "{ \"apiVersion\" : ");
        assertThat(cli.execute("build", broken.toString(), "-o", "-")).isEqualTo(65);
        assertThat(cli.err()).startsWith(broken + ":1:").contains("malformed JSON");
    }

    @Test
    void tracesOfDifferentArchitecturesDoNotBuild() throws Exception {
        Path first = trace("a.json", TraceFixtures.A_TRACE_JSON);
        Path second = trace("b.json", TraceJson.write(TraceFixtures.trace().arch("aarch64").build()));
        assertThat(cli.execute("build", first.toString(), second.toString(), "-o", "-")).isEqualTo(65);
        assertThat(cli.err()).startsWith("capgate: cannot build a manifest: cannot merge traces of different"
                + " architecture");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void aMissingTraceIsNoInput() {
        Path missing = dir.resolve("missing.json");
        assertThat(cli.execute("build", missing.toString(), "-o", "-")).isEqualTo(66);
        assertThat(cli.err()).isEqualTo("capgate: " + missing + ": no such file\n");
    }

    @Test
    void unknownDefaultGroupsAreUsageErrors() throws Exception {
        Path trace = trace("t.json", TraceFixtures.A_TRACE_JSON);
        assertThat(cli.execute("build", trace.toString(), "-o", "-", "--defaults", "sys.basic,fs.raed")).isEqualTo(64);
        assertThat(cli.err()).startsWith("capgate: --defaults: unknown capability group 'fs.raed'; did you mean")
                .contains("fs.read");
    }
}
