package io.capgate.agent.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.agent.python.elf.ElfFile;
import io.capgate.agent.python.elf.FakePython;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsdtSemaphoresTest {

    private static final int PID = 777;
    private static final long BASE = 0x7f00_0000_0000L;
    private static final long FUNCTION_ENTRY = BASE + FakePython.PROBES;
    private static final long GC_DONE = BASE + FakePython.PROBES + 2;

    @TempDir
    Path dir;
    private FakeProcFs procFs;

    @BeforeEach
    void processWithLibpython() throws IOException {
        FakeProcess process = new FakeProcess(dir);
        Path exe = process.map("/usr/bin/python3", FakePython.notPython(ElfFile.ET_DYN), 0x5555_0000_0000L);
        Path lib = process.map("/usr/lib/libpython3.11.so.1.0", FakePython.bytes(ElfFile.ET_DYN), BASE);
        process.anonymous("7f1000000000-7f1000001000 r--p 00000000 fd:00 55 /usr/lib/locale/locale-archive");
        procFs = new FakeProcFs(PID, process.maps(), Path.of("/usr/bin/python3")).file("/usr/bin/python3", exe)
                .file("/usr/lib/libpython3.11.so.1.0", lib);
    }

    @Test
    void findsSemaphoresRelocatedByTheLoadBias() throws Exception {
        assertThat(new UsdtSemaphores(procFs).find(PID, UsdtSemaphores.provider("python"))).containsExactly(
                new UsdtSemaphore(Path.of("/usr/lib/libpython3.11.so.1.0"), FUNCTION_ENTRY,
                        java.util.List.of("python:function__entry")),
                new UsdtSemaphore(Path.of("/usr/lib/libpython3.11.so.1.0"), GC_DONE,
                        java.util.List.of("python:gc__done")));
    }

    @Test
    void armsAndDisarmsCountingOtherTracers() throws Exception {
        procFs.memory.map(FUNCTION_ENTRY, 4);
        UsdtSemaphores usdt = new UsdtSemaphores(procFs);

        ArmedSemaphores first = usdt.arm(PID, UsdtSemaphores.provider("python"));
        assertThat(counters()).containsExactly(1, 1);
        ArmedSemaphores second = usdt.arm(PID, p -> p.name().equals("gc__done"));
        assertThat(counters()).containsExactly(1, 2);

        first.close();
        first.close();
        assertThat(counters()).containsExactly(0, 1);
        second.close();
        assertThat(counters()).containsExactly(0, 0);
    }

    @Test
    void armsAllOrNothing() throws Exception {
        procFs.memory.map(FUNCTION_ENTRY, 2); // gc__done's counter is not mapped

        assertThatThrownBy(() -> new UsdtSemaphores(procFs).arm(PID, UsdtSemaphores.provider("python")))
                .isInstanceOf(IOException.class).hasMessageContaining("unmapped");
        assertThat(procFs.memory.readUnsignedShort(FUNCTION_ENTRY)).isZero();
    }

    @Test
    void disarmingAfterTheProcessExitedIsQuiet() throws Exception {
        procFs.memory.map(FUNCTION_ENTRY, 4);
        ArmedSemaphores armed = new UsdtSemaphores(procFs).arm(PID, UsdtSemaphores.provider("python"));
        procFs.memory.gone = true;

        armed.close();
    }

    private int[] counters() throws IOException {
        return new int[] {procFs.memory.readUnsignedShort(FUNCTION_ENTRY), procFs.memory.readUnsignedShort(GC_DONE)};
    }
}
