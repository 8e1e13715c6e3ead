package io.capgate.model.syscalls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/capabilities.md} equal to what {@link CapabilityDocs} renders from the catalog. Run with
 * {@code -Dcapgate.docs.update=true} to rewrite the file after changing the catalog.
 */
class CapabilityDocsTest {

    private static final String UPDATE = "capgate.docs.update";

    @Test
    void docsMatchTheCatalog() throws IOException {
        String generated = CapabilityDocs.markdown(CapabilityCatalog.standard());
        Path docs = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .resolve("../docs/capabilities.md").normalize();
        if (Boolean.getBoolean(UPDATE)) {
            Files.writeString(docs, generated, StandardCharsets.UTF_8);
        }
        assertThat(docs).as("%s is missing; run with -D%s=true", docs, UPDATE).exists();
        assertThat(Files.readString(docs, StandardCharsets.UTF_8))
                .as("%s is out of date with capabilities.yaml; run with -D%s=true", docs, UPDATE)
                .isEqualTo(generated);
    }

    @Test
    void rendersEveryGroupWithKeysAndArchOnlyMembers() {
        String md = CapabilityDocs.markdown(CapabilityCatalog.standard());
        for (CapabilityGroup group : CapabilityCatalog.standard().groups()) {
            assertThat(md).contains("| `" + group.name() + "` | " + (group.risky() ? "**yes**" : "no") + " | ");
        }
        assertThat(md).contains("`open` *(x86_64 only)*", "`openat:write`", "`shutdown`, `socket` | `connect` |",
                "`write`, `writev` | all members |", "`set_mempolicy` | all but `madvise` |");
    }
}
