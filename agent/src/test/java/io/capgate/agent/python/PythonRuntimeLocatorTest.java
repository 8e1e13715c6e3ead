package io.capgate.agent.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.agent.os.NoSuchProcessException;
import io.capgate.agent.python.elf.ElfFile;
import io.capgate.agent.python.elf.FakePython;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonRuntimeLocatorTest {

    private static final int PID = 4242;
    private static final long LIB_BASE = 0x7f3a_1e60_0000L;

    @TempDir
    Path dir;

    @Test
    void findsTheRuntimeInAStaticExecutable() throws Exception {
        FakeProcess process = new FakeProcess(dir);
        Path exe = process.map("/usr/bin/python3.11", FakePython.bytes(ElfFile.ET_EXEC, 0x030b02f0), 0);
        FakeProcFs procFs = new FakeProcFs(PID, process.maps(), Path.of("/usr/bin/python3.11"))
                .file("/usr/bin/python3.11", exe);

        PythonProcess p = new PythonRuntimeLocator(procFs, new BundledOffsets()).locate(PID);

        assertThat(p.pid()).isEqualTo(PID);
        assertThat(p.executable()).isEqualTo(Path.of("/usr/bin/python3.11"));
        assertThat(p.libraryPath()).isNull();
        assertThat(p.runtimeBinary()).isEqualTo(Path.of("/usr/bin/python3.11"));
        assertThat(p.version()).isEqualTo(new PythonVersion(3, 11, 2));
        assertThat(p.runtimeAddress()).isEqualTo(FakePython.DATA);
        assertThat(p.offsets().tstateNativeThreadId()).isEqualTo(160);
    }

    @Test
    void findsTheRuntimeInALinkedLibpython() throws Exception {
        FakeProcess process = new FakeProcess(dir);
        Path exe = process.map("/opt/py/bin/python3.11", FakePython.notPython(ElfFile.ET_DYN), 0x5566_0000_0000L);
        process.anonymous("5566aa000000-5566aa021000 rw-p 00000000 00:00 0                  [heap]");
        Path lib = process.map("/opt/py/lib/libpython3.11.so.1.0", FakePython.bytes(ElfFile.ET_DYN), LIB_BASE);
        FakeProcFs procFs = new FakeProcFs(PID, process.maps(), Path.of("/opt/py/bin/python3.11"))
                .file("/opt/py/bin/python3.11", exe).file("/opt/py/lib/libpython3.11.so.1.0", lib);

        PythonProcess p = new PythonRuntimeLocator(procFs, new BundledOffsets()).locate(PID);

        assertThat(p.libraryPath()).isEqualTo(Path.of("/opt/py/lib/libpython3.11.so.1.0"));
        assertThat(p.runtimeBinary()).isEqualTo(p.libraryPath());
        assertThat(p.version()).isEqualTo(new PythonVersion(3, 11, 7));
        assertThat(p.runtimeAddress()).isEqualTo(LIB_BASE + FakePython.DATA);
    }

    @Test
    void handsTheLiveRuntimeBytesToTheOffsetsSource() throws Exception {
        FakeProcess process = new FakeProcess(dir);
        Path exe = process.map("/usr/bin/python3.13", FakePython.bytes(ElfFile.ET_EXEC, 0x030d00f0), 0);
        FakeProcFs procFs = new FakeProcFs(PID, process.maps(), Path.of("/usr/bin/python3.13"))
                .file("/usr/bin/python3.13", exe);
        procFs.memory.map(FakePython.DATA, 64).putAscii(FakePython.DATA, "xdebugpy");
        PythonOffsets any = new BundledOffsets().offsetsFor(new PythonVersion(3, 11, 0), RuntimeBytes.NONE).orElseThrow();
        OffsetsSource debugOffsets = new OffsetsSource() {
            @Override
            public Optional<PythonOffsets> offsetsFor(PythonVersion version, RuntimeBytes runtime) {
                try {
                    return new String(runtime.read(0, 8)).equals("xdebugpy") ? Optional.of(any) : Optional.empty();
                } catch (java.io.IOException e) {
                    return Optional.empty();
                }
            }

            @Override
            public String describe() {
                return "debug offsets";
            }
        };

        PythonProcess p = new PythonRuntimeLocator(procFs, debugOffsets).locate(PID);

        assertThat(p.offsets()).isSameAs(any);
    }

    @Test
    void refusesAVersionWithoutOffsetsAndSaysHowToAddThem() throws Exception {
        FakeProcess process = new FakeProcess(dir);
        Path exe = process.map("/usr/bin/python3.12", FakePython.bytes(ElfFile.ET_EXEC, 0x030c01f0), 0);
        FakeProcFs procFs = new FakeProcFs(PID, process.maps(), Path.of("/usr/bin/python3.12"))
                .file("/usr/bin/python3.12", exe);

        assertThatThrownBy(() -> new PythonRuntimeLocator(procFs, new BundledOffsets()).locate(PID))
                .isInstanceOf(UnsupportedInterpreterException.class)
                .hasMessage("process 4242: /usr/bin/python3.12 is CPython 3.12.1, but there are no struct offsets for"
                        + " 3.12 (bundled offsets for 3.11); to add them, install python3.12-dev (or use that"
                        + " interpreter's own include directory) and run tools/offsets/gen-offsets.sh --python"
                        + " <that python3.12> -o agent/src/main/resources/io/capgate/agent/python/offsets/"
                        + "cpython-3.12.properties")
                .satisfies(e -> assertThat(((UnsupportedInterpreterException) e).version())
                        .contains(new PythonVersion(3, 12, 1)));
    }

    @Test
    void refusesWhatIsNotCPython() throws Exception {
        FakeProcess process = new FakeProcess(dir);
        Path exe = process.map("/usr/bin/bash", FakePython.notPython(ElfFile.ET_DYN), 0x5566_0000_0000L);
        FakeProcFs procFs = new FakeProcFs(PID, process.maps(), Path.of("/usr/bin/bash")).file("/usr/bin/bash", exe);

        assertThatThrownBy(() -> new PythonRuntimeLocator(procFs, new BundledOffsets()).locate(PID))
                .isInstanceOf(UnsupportedInterpreterException.class)
                .hasMessage("process 4242 runs /usr/bin/bash, which is not CPython 3.7+: neither it nor a mapped"
                        + " libpython3.X.so defines _PyRuntime")
                .satisfies(e -> assertThat(((UnsupportedInterpreterException) e).version()).isEmpty());
    }

    @Test
    void aVanishedProcessIsNoSuchProcess() {
        FakeProcFs procFs = new FakeProcFs(PID, "", Path.of("/x"));

        assertThatThrownBy(() -> new PythonRuntimeLocator(procFs, new BundledOffsets()).locate(PID + 1))
                .isInstanceOf(NoSuchProcessException.class);
    }
}
