package io.capgate.agent.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads this JVM's own /proc entry: Linux only, as is the agent. */
class LinuxProcFsTest {

    private final ProcFs procFs = new LinuxProcFs();
    private final int self = (int) ProcessHandle.current().pid();

    @Test
    void readsOwnMapsExeAndStatus() throws Exception {
        Path exe = procFs.exe(self);

        assertThat(exe.getFileName().toString()).isEqualTo("java");
        assertThat(procFs.maps(self)).anyMatch(m -> m.filePath().equals(exe.toString()) && m.executable());
        assertThat(procFs.status(self).tgid()).isEqualTo(self);
    }

    @Test
    void readsOwnMemory() throws Exception {
        String exe = procFs.exe(self).toString();
        MemoryMapping exeText = procFs.maps(self).stream()
                .filter(m -> m.filePath().equals(exe) && m.offset() == 0).findFirst()
                .orElseThrow();

        try (ProcessMemory memory = procFs.openMemory(self, false)) {
            assertThat(memory.read(exeText.start(), 4)).containsExactly(0x7f, 'E', 'L', 'F');
        }
    }

    @Test
    void mappedFilesGoThroughTheProcessRoot() {
        MemoryMapping live = new MemoryMapping(0x1000, 0x2000, "r--p", 0, "08:01", 5, "/usr/lib/libx.so");
        MemoryMapping gone = new MemoryMapping(0x1000, 0x2000, "r--p", 0, "08:01", 5, "/usr/lib/liby.so (deleted)");

        assertThat(procFs.mappedFile(42, live)).isEqualTo(Path.of("/proc/42/root/usr/lib/libx.so"));
        assertThat(procFs.mappedFile(42, gone)).isEqualTo(Path.of("/proc/42/map_files/1000-2000"));
    }

    @Test
    void aMissingProcessIsNoSuchProcess(@TempDir Path emptyProc) {
        ProcFs empty = new LinuxProcFs(emptyProc);

        assertThatThrownBy(() -> empty.maps(77)).isInstanceOf(NoSuchProcessException.class)
                .hasMessage("no such process: 77");
        assertThatThrownBy(() -> empty.exe(77)).isInstanceOf(NoSuchProcessException.class);
        assertThatThrownBy(() -> empty.openMemory(77, false)).isInstanceOf(NoSuchProcessException.class);
    }
}
