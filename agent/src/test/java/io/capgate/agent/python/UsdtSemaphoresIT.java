package io.capgate.agent.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.os.ProcessMemory;
import io.capgate.agent.python.elf.ElfFile;
import io.capgate.agent.python.elf.ElfSection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Arms the USDT semaphores of Debian's python3.11 (built with SystemTap probes; semaphores in
 * {@code .probes}) through /proc/PID/mem and reads them back through a separate handle.
 */
class UsdtSemaphoresIT {

    private final LivePython live = new LivePython();

    @AfterEach
    void stop() throws InterruptedException {
        live.close();
    }

    @Test
    void armsAndDisarmsDebianPythonSemaphores() throws Exception {
        LivePython.assumeInstalled(LivePython.DEBIAN);
        Process process = live.start(LivePython.DEBIAN.toString(), "-c", LivePython.SLEEP);
        PythonProcess python = live.locate(process);
        live.awaitMainThreadIn(python, "<module>", "<string>");
        int pid = (int) process.pid();
        UsdtSemaphores usdt = new UsdtSemaphores(live.procFs);
        ElfSection probes = ElfFile.open(LivePython.DEBIAN).section(".probes").orElseThrow();

        List<UsdtSemaphore> semaphores = usdt.find(pid, UsdtSemaphores.provider("python"));

        assertThat(semaphores).extracting(UsdtSemaphore::probes).flatMap(l -> l)
                .contains("python:function__entry", "python:function__return", "python:gc__start", "python:audit");
        assertThat(semaphores).allSatisfy(s -> assertThat(s.address())
                .isBetween(probes.addr(), probes.addr() + probes.size() - 2));
        assertThat(values(pid, semaphores)).containsOnly(0);

        try (ArmedSemaphores armed = usdt.arm(pid, UsdtSemaphores.provider("python"))) {
            assertThat(armed.semaphores()).hasSameSizeAs(semaphores);
            assertThat(values(pid, semaphores)).containsOnly(1);
            try (ArmedSemaphores again = usdt.arm(pid, p -> p.name().equals("function__entry"))) {
                assertThat(values(pid, again.semaphores())).containsOnly(2);
            }
            assertThat(values(pid, semaphores)).containsOnly(1);
        }

        assertThat(values(pid, semaphores)).containsOnly(0);
        assertThat(process.isAlive()).as("the armed interpreter kept running").isTrue();
        assertThat(live.awaitMainThreadIn(python, "<module>", "<string>").nativeThreadId()).isEqualTo(pid);
    }

    @Test
    void pyenvPythonWithoutUsdtHasNoSemaphores() throws Exception {
        LivePython.assumeInstalled(LivePython.PYENV_311);
        Process process = live.start(LivePython.PYENV_311.toString(), "-c", LivePython.SLEEP);
        live.awaitMainThreadIn(live.locate(process), "<module>", "<string>");

        assertThat(new UsdtSemaphores(live.procFs).find((int) process.pid(), UsdtSemaphores.provider("python")))
                .isEmpty();
    }

    private List<Integer> values(int pid, List<UsdtSemaphore> semaphores) throws Exception {
        List<Integer> values = new ArrayList<>();
        try (ProcessMemory memory = live.procFs.openMemory(pid, false)) {
            for (UsdtSemaphore s : semaphores) {
                values.add(memory.readUnsignedShort(s.address()));
            }
        }
        return values;
    }
}
