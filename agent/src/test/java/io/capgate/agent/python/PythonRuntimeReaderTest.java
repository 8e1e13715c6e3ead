package io.capgate.agent.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lays out 3.11 structures in fake memory with the bundled offsets and reads them back. */
class PythonRuntimeReaderTest {

    private static final long RUNTIME = 0x1000_0000L;
    private static final long INTERP = 0x2000_0000L;
    private static final long TSTATE = 0x3000_0000L;
    private static final long CFRAME = 0x3100_0000L;
    private static final long FRAME1 = 0x4000_0000L;
    private static final long FRAME2 = 0x4100_0000L;
    private static final long CODE1 = 0x5000_0000L;
    private static final long CODE2 = 0x5100_0000L;
    private static final long STRINGS = 0x6000_0000L;

    private final PythonOffsets o = new BundledOffsets().offsetsFor(new PythonVersion(3, 11, 2), RuntimeBytes.NONE)
            .orElseThrow();
    private final FakeMemory memory = new FakeMemory();
    private long nextString = STRINGS;
    private PythonRuntimeReader reader;

    @BeforeEach
    void layOut() throws IOException {
        for (long region : new long[] {RUNTIME, INTERP, TSTATE, CFRAME, FRAME1, FRAME2, CODE1, CODE2}) {
            memory.map(region, 512);
        }
        memory.map(STRINGS, 4096);
        memory.putLong(RUNTIME + o.runtimeInterpretersHead(), INTERP);
        memory.putLong(INTERP + o.interpThreadsHead(), TSTATE);
        memory.putLong(TSTATE + o.tstateNativeThreadId(), 4242);
        memory.putLong(TSTATE + o.tstateCframe(), CFRAME);
        memory.putLong(CFRAME + o.cframeCurrentFrame(), FRAME1);
        memory.putLong(FRAME1 + o.iframeFCode(), CODE1);
        memory.putLong(FRAME1 + o.iframePrevious(), FRAME2);
        memory.putLong(FRAME2 + o.iframeFCode(), CODE2);
        code(CODE1, "/srv/app/sleeper.py", "wait", "Sleeper.wait", 12);
        code(CODE2, "/srv/app/sleeper.py", "<module>", "<module>", 1);
        PythonProcess process = new PythonProcess(4242, Path.of("/usr/bin/python3.11"), null,
                new PythonVersion(3, 11, 2), RUNTIME, o);
        reader = new PythonRuntimeReader(memory, process);
    }

    @Test
    void walksThreadsAndFrames() throws Exception {
        assertThat(reader.threads(10)).singleElement().satisfies(t -> {
            assertThat(t.threadState()).isEqualTo(TSTATE);
            assertThat(t.nativeThreadId()).isEqualTo(4242);
            assertThat(t.frames()).containsExactly(new PythonFrame("/srv/app/sleeper.py", "wait", "Sleeper.wait", 12),
                    new PythonFrame("/srv/app/sleeper.py", "<module>", "<module>", 1));
        });
        assertThat(reader.threads(1).get(0).frames()).hasSize(1);
    }

    @Test
    void decodesOneTwoAndFourByteStrings() throws Exception {
        assertThat(reader.readString(string("héllo", 1, false))).isEqualTo("héllo");
        assertThat(reader.readString(string("Δelta", 2, false))).isEqualTo("Δelta");
        assertThat(reader.readString(string("🐍", 4, false))).isEqualTo("🐍");
        long legacy = nextString;
        memory.putInt(legacy + o.unicodeState(), 0);
        assertThatThrownBy(() -> reader.readString(legacy)).hasMessageContaining("is not a compact string");
    }

    @Test
    void saysWhenTheRuntimeIsNotInitialised() throws Exception {
        memory.putLong(RUNTIME + o.runtimeInterpretersHead(), 0);

        assertThatThrownBy(() -> reader.threads(5)).isInstanceOf(IOException.class)
                .hasMessageContaining("interpreters.head is NULL");
    }

    private void code(long code, String filename, String name, String qualname, int line) throws IOException {
        memory.putLong(code + o.codeCoFilename(), string(filename, 1, true));
        memory.putLong(code + o.codeCoName(), string(name, 1, true));
        memory.putLong(code + o.codeCoQualname(), string(qualname, 1, true));
        memory.putInt(code + o.codeCoFirstlineno(), line);
    }

    /** Writes a compact str object and returns its address. */
    private long string(String text, int kind, boolean ascii) throws IOException {
        long at = nextString;
        int state = (int) (kind << o.unicodeStateKindShift() | 1 << o.unicodeStateCompactShift()
                | (ascii ? 1 << o.unicodeStateAsciiShift() : 0));
        memory.putInt(at + o.unicodeState(), state);
        int length = text.codePointCount(0, text.length());
        memory.putLong(at + o.unicodeLength(), length);
        byte[] data = switch (kind) {
            case 1 -> text.getBytes(StandardCharsets.ISO_8859_1);
            case 2 -> text.getBytes(StandardCharsets.UTF_16LE);
            default -> text.getBytes(java.nio.charset.Charset.forName("UTF-32LE"));
        };
        memory.write(at + (ascii ? o.unicodeAsciiSize() : o.unicodeCompactSize()), data);
        nextString += 256;
        return at;
    }
}
