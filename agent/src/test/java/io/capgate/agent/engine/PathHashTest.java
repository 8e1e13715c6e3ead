package io.capgate.agent.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathHashTest {

    @Test
    void isFnv1a64OverTheLatin1Bytes() {
        // Reference values of FNV-1a 64: "" -> offset basis, "a" -> af63dc4c8601ec8c.
        assertThat(PathHash.hash("")).isEqualTo(0xcbf29ce484222325L);
        assertThat(PathHash.hash("a")).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(PathHash.hash("caf\u00e9")).isNotEqualTo(PathHash.hash("cafe"));
    }

    @Test
    void prefixesEndWhereTheKernelLooksThemUp() {
        assertThat(PathHash.prefixKey("/usr/lib/python3.11/")).isEqualTo(PathHash.hash("/usr/lib/python3.11/"));
        assertThat(PathHash.prefixKey("<frozen ")).isEqualTo(PathHash.hash("<frozen "));
        assertThatThrownBy(() -> PathHash.prefixKey("/usr/lib")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exactFilesNeverShareAKeyWithTheSamePrefixText() {
        assertThat(PathHash.exactKey("/srv/app/")).isNotEqualTo(PathHash.prefixKey("/srv/app/"));
    }

    @Test
    void pathsThatDifferLateHashApart() {
        String base = "/srv/" + "x".repeat(180) + "/pkg_";
        assertThat(PathHash.fileId(base + "a/__init__.py")).isNotEqualTo(PathHash.fileId(base + "b/__init__.py"));
    }

    @Test
    void onlyOneBytePerCharacterStringsAreHashable() {
        assertThat(PathHash.hashable("/srv/caf\u00e9.py")).isTrue();
        assertThat(PathHash.hashable("/srv/\u4e2d.py")).isFalse();
        PrefixTable t = PrefixTable.build(new PythonPaths(List.of("/usr/lib/python3.11"), List.of(), "/srv/\u4e2d"),
                ModuleIds.forModules(List.of()));
        assertThat(t.skipped()).contains("/srv/\u4e2d/");
    }
}
