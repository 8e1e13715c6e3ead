package io.capgate.agent.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PythonVersionTest {

    @Test
    void parsesVersionText() {
        assertThat(PythonVersion.parse("3.11.2")).isEqualTo(new PythonVersion(3, 11, 2));
        assertThat(PythonVersion.parse("3.11")).isEqualTo(new PythonVersion(3, 11, 0));
        assertThat(PythonVersion.parse("3.13.0rc1")).isEqualTo(new PythonVersion(3, 13, 0));
        assertThat(PythonVersion.parse("3.12.0b4")).isEqualTo(new PythonVersion(3, 12, 0));
        assertThat(PythonVersion.parse(" 3.11.2+\n")).isEqualTo(new PythonVersion(3, 11, 2));
        assertThatThrownBy(() -> PythonVersion.parse("Python 3.11.2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a Python version: 'Python 3.11.2'");
    }

    @Test
    void decodesPyVersionHex() {
        assertThat(PythonVersion.fromHex(0x030b02f0)).isEqualTo(new PythonVersion(3, 11, 2));
        assertThat(PythonVersion.fromHex(0x030b07f0)).isEqualTo(new PythonVersion(3, 11, 7));
        assertThat(PythonVersion.fromHex(0x030d00c1)).isEqualTo(new PythonVersion(3, 13, 0));
        assertThatThrownBy(() -> PythonVersion.fromHex(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comparesAndNamesTheFeatureVersion() {
        PythonVersion v = new PythonVersion(3, 11, 7);

        assertThat(v.feature()).isEqualTo("3.11");
        assertThat(v).hasToString("3.11.7");
        assertThat(v.sameFeature(new PythonVersion(3, 11, 2))).isTrue();
        assertThat(v.sameFeature(new PythonVersion(3, 12, 7))).isFalse();
        assertThat(v).isLessThan(new PythonVersion(3, 12, 0)).isGreaterThan(new PythonVersion(3, 11, 2));
    }
}
