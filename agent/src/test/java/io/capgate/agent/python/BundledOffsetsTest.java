package io.capgate.agent.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code cpython-3.11.properties}. gen-offsets.sh wrote it from two interpreters'
 * headers (Debian 3.11.2 and pyenv 3.11.7) and refused to write one file unless their offsets
 * were identical; its header records that, and {@code OffsetsGeneratorIT} re-checks it against
 * the headers installed on the build machine.
 */
class BundledOffsetsTest {

    private final BundledOffsets bundled = new BundledOffsets();

    @Test
    void servesEvery311MicroFromOneFile() {
        PythonOffsets for2 = bundled.offsetsFor(new PythonVersion(3, 11, 2), RuntimeBytes.NONE).orElseThrow();
        PythonOffsets for7 = bundled.offsetsFor(new PythonVersion(3, 11, 7), RuntimeBytes.NONE).orElseThrow();

        assertThat(for7).isSameAs(for2);
        assertThat(for2.generatedFrom()).isEqualTo(new PythonVersion(3, 11, 2));
    }

    @Test
    void holdsThe311LayoutOfX8664() {
        PythonOffsets o = bundled.offsetsFor(new PythonVersion(3, 11, 0), RuntimeBytes.NONE).orElseThrow();

        assertThat(o.runtimeInterpretersHead()).isEqualTo(40);
        assertThat(o.interpThreadsHead()).isEqualTo(16);
        assertThat(o.tstateNext()).isEqualTo(8);
        assertThat(o.tstateNativeThreadId()).isEqualTo(160);
        assertThat(o.tstateCframe()).isEqualTo(56);
        assertThat(o.cframeCurrentFrame()).isEqualTo(8);
        assertThat(o.iframeFCode()).isEqualTo(32);
        assertThat(o.iframePrevious()).isEqualTo(48);
        assertThat(o.codeCoFilename()).isEqualTo(112);
        assertThat(o.codeCoName()).isEqualTo(120);
        assertThat(o.unicodeAsciiSize()).isEqualTo(48);
        assertThat(o.unicodeCompactSize()).isEqualTo(72);
        assertThat(o.unicodeStateKindShift()).isEqualTo(2);
        assertThat(o.unicodeStateCompactShift()).isEqualTo(5);
        assertThat(o.unicodeStateAsciiShift()).isEqualTo(6);
    }

    @Test
    void recordsHowTheFileWasGeneratedAndChecked() throws Exception {
        String text;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream(BundledOffsets.resourceName(new PythonVersion(3, 11, 0)))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(text).contains("# Command: tools/offsets/gen-offsets.sh --python /usr/bin/python3.11"
                + " --python /root/.pyenv/versions/3.11.7/bin/python3.11")
                .contains("# Interpreter: /usr/bin/python3.11 (Python 3.11.2), headers /usr/include/python3.11")
                .contains("(Python 3.11.7), headers /root/.pyenv/versions/3.11.7/include/python3.11")
                .contains("# All 2 sources above produced identical offsets");
    }

    @Test
    void knowsNothingElseYet() {
        assertThat(bundled.offsetsFor(new PythonVersion(3, 12, 1), RuntimeBytes.NONE)).isEmpty();
        assertThat(bundled.offsetsFor(new PythonVersion(3, 10, 13), RuntimeBytes.NONE)).isEmpty();
        assertThat(bundled.bundledVersions()).containsExactly("3.11");
        assertThat(bundled.describe()).isEqualTo("bundled offsets for 3.11");
    }
}
