package io.capgate.model.manifest;

import static io.capgate.model.manifest.ManifestFixtures.aManifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CanonicalJsonReaderTest {

    @Test
    void readsBackWhatTheWriterWroteAsTheParserWould() {
        var manifest = aManifest().withModule("lib.x", ModulePolicy.of(Set.of("net.connect"), Set.of("getrandom"),
                Set.of("/usr/bin/git")));
        String json = ManifestWriter.toJson(manifest);

        var read = CanonicalJsonReader.read(json);

        assertThat(read).isEqualTo(manifest).isEqualTo(new ManifestParser().parse(json, "json"));
        assertThat(ManifestHash.of(read)).isEqualTo(ManifestHash.of(manifest));
    }

    @Test
    void refusesWhatIsNotTheCanonicalShape() {
        assertThatThrownBy(() -> CanonicalJsonReader.read("{\"apiVersion\":\"capgate.io/v1\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'defaults' is missing");
        String json = ManifestWriter.toJson(aManifest()).replace("\"capabilities\":[\"mem\",\"sys.basic\"]",
                "\"capabilities\":\"mem\"");
        assertThatThrownBy(() -> CanonicalJsonReader.read(json))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a list expected in defaults");
    }
}
