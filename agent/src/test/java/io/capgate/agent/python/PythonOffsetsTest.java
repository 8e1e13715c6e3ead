package io.capgate.agent.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PythonOffsetsTest {

    @Test
    void keysAndComponentsCorrespondOneToOne() {
        RecordComponent[] components = PythonOffsets.class.getRecordComponents();

        assertThat(Arrays.stream(components).map(RecordComponent::getName).toList())
                .isEqualTo(PythonOffsets.KEYS.stream().map(PythonOffsetsTest::camel).toList());
        assertThat(Arrays.stream(components).map(RecordComponent::getType)).containsOnly(long.class);
    }

    @Test
    void roundTripsThroughProperties() {
        Properties p = numbered();

        PythonOffsets offsets = PythonOffsets.fromProperties(p, "test");

        assertThat(offsets.runtimeInterpretersHead()).isEqualTo(1);
        assertThat(offsets.unicodeStateAsciiWidth()).isEqualTo(26);
        assertThat(offsets.asMap().keySet()).containsExactlyElementsOf(PythonOffsets.KEYS);
        assertThat(offsets.asMap()).containsEntry("pyversion.hex", 0x030b02f0L).containsEntry("iframe.owner", 10L);
    }

    @Test
    void namesTheMissingOrBadKey() {
        Properties missing = numbered();
        missing.remove("tstate.cframe");
        Properties bad = numbered();
        bad.setProperty("code.co_name", "twelve");

        assertThatThrownBy(() -> PythonOffsets.fromProperties(missing, "x.properties"))
                .isInstanceOf(OffsetsFormatException.class).hasMessage("x.properties has no tstate.cframe");
        assertThatThrownBy(() -> PythonOffsets.fromProperties(bad, "x.properties"))
                .isInstanceOf(OffsetsFormatException.class)
                .hasMessage("x.properties: code.co_name is not a number: 'twelve'");
    }

    @Test
    void decodesUnicodeStateBits() {
        PythonOffsets o = new BundledOffsets().offsetsFor(new PythonVersion(3, 11, 2), RuntimeBytes.NONE).orElseThrow();
        int compactAscii = (1 << 2) | (1 << 5) | (1 << 6); // kind 1, compact, ascii
        int compactUcs2 = (2 << 2) | (1 << 5);

        assertThat(o.unicodeKind(compactAscii)).isEqualTo(1);
        assertThat(o.unicodeCompact(compactAscii)).isTrue();
        assertThat(o.unicodeAscii(compactAscii)).isTrue();
        assertThat(o.unicodeKind(compactUcs2)).isEqualTo(2);
        assertThat(o.unicodeAscii(compactUcs2)).isFalse();
    }

    private static Properties numbered() {
        Properties p = new Properties();
        for (int i = 0; i < PythonOffsets.KEYS.size(); i++) {
            p.setProperty(PythonOffsets.KEYS.get(i), i == 0 ? "0x030b02f0" : Integer.toString(i));
        }
        return p;
    }

    private static String camel(String key) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '.' || c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
