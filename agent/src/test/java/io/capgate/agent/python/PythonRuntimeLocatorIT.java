package io.capgate.agent.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capgate.agent.os.MemoryMapping;
import io.capgate.agent.python.elf.ElfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Locates {@code _PyRuntime} in real interpreters and proves the address and offsets right by
 * walking runtime → interpreters.head → threads.head in {@code /proc/PID/mem}: the main thread's
 * {@code native_thread_id} must be the pid and its frame's code must name the running code.
 */
class PythonRuntimeLocatorIT {

    private final LivePython live = new LivePython();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws InterruptedException {
        live.close();
    }

    @Test
    void debianStaticPython311() throws Exception {
        LivePython.assumeInstalled(LivePython.DEBIAN);
        Process process = live.start(LivePython.DEBIAN.toString(), "-c", LivePython.SLEEP);

        PythonProcess python = live.locate(process);

        assertThat(python.executable()).isEqualTo(LivePython.DEBIAN);
        assertThat(python.libraryPath()).as("Debian links libpython statically").isNull();
        assertThat(python.version()).isEqualTo(new PythonVersion(3, 11, 2));
        long symbol = ElfFile.open(LivePython.DEBIAN).symbol("_PyRuntime").orElseThrow().value();
        assertThat(python.runtimeAddress()).as("non-PIE: the link-time address").isEqualTo(symbol);
        PythonThread main = live.awaitMainThreadIn(python, "<module>", "<string>");
        assertThat(main.nativeThreadId()).isEqualTo(process.pid());
        assertThat(main.frames().get(0).filename()).isEqualTo("<string>");
    }

    @Test
    void pyenvPython311WithSharedLibpython() throws Exception {
        LivePython.assumeInstalled(LivePython.PYENV_311);
        Process process = live.start(LivePython.PYENV_311.toString(), "-c", LivePython.SLEEP);

        PythonProcess python = live.locate(process);

        assertThat(python.executable()).isEqualTo(LivePython.PYENV_311.toRealPath());
        assertThat(python.libraryPath()).isEqualTo(Path.of("/root/.pyenv/versions/3.11.7/lib/libpython3.11.so.1.0"));
        assertThat(python.version()).isEqualTo(new PythonVersion(3, 11, 7));
        long symbol = ElfFile.open(python.libraryPath()).symbol("_PyRuntime").orElseThrow().value();
        MemoryMapping first = live.procFs.maps((int) process.pid()).stream()
                .filter(m -> m.filePath().equals(python.libraryPath().toString())).findFirst().orElseThrow();
        assertThat(python.runtimeAddress()).as("PIE library: load base + symbol").isEqualTo(first.start() + symbol);
        PythonThread main = live.awaitMainThreadIn(python, "<module>", "<string>");
        assertThat(main.nativeThreadId()).isEqualTo(process.pid());
        assertThat(main.frames().get(0).filename()).isEqualTo("<string>");
    }

    @Test
    void walksEveryThreadAndNestedFramesOfAScript() throws Exception {
        LivePython.assumeInstalled(LivePython.DEBIAN);
        Path script = Files.writeString(dir.resolve("sleeper.py"), """
                import threading, time

                def worker():
                    time.sleep(30)

                def wait_for_it():
                    time.sleep(30)

                threading.Thread(target=worker, daemon=True).start()
                wait_for_it()
                """);
        for (Path interpreter : Stream.of(LivePython.DEBIAN, LivePython.PYENV_311).filter(Files::isExecutable).toList()) {
            Process process = live.start(interpreter.toString(), script.toString());
            PythonProcess python = live.locate(process);

            PythonThread main = live.awaitMainThreadIn(python, "wait_for_it", script.toString());

            assertThat(main.frames()).extracting(PythonFrame::name).containsExactly("wait_for_it", "<module>");
            assertThat(main.frames()).extracting(PythonFrame::filename).containsOnly(script.toString());
            assertThat(main.frames().get(0).firstLineNumber()).isEqualTo(6);
            PythonThread worker = live.awaitOtherThreadIn(python, "worker");
            Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
            assertThat(tasks.resolve(Long.toString(worker.nativeThreadId()))).as("a thread of the process").exists();
            assertThat(worker.frames()).extracting(PythonFrame::name).contains("worker", "run", "_bootstrap");
        }
    }

    @Test
    void refusesPython312And313NamingTheVersion() throws Exception {
        for (Path interpreter : Stream.of(LivePython.PYENV_312, LivePython.PYENV_313).filter(Files::isExecutable).toList()) {
            Process process = live.start(interpreter.toString(), "-c", LivePython.SLEEP);
            String version = interpreter.toString().replaceAll(".*/versions/([0-9.]+)/.*", "$1");

            assertThatThrownBy(() -> live.locate(process)).isInstanceOf(UnsupportedInterpreterException.class)
                    .hasMessageContaining("is CPython " + version + ", but there are no struct offsets for")
                    .hasMessageContaining("libpython3.1");
        }
    }

    @Test
    void refusesAProcessThatIsNotPython() throws Exception {
        Process process = live.start("sleep", "30");
        Thread.sleep(200);

        assertThatThrownBy(() -> new PythonRuntimeLocator(live.procFs, new BundledOffsets()).locate((int) process.pid()))
                .isInstanceOf(UnsupportedInterpreterException.class).hasMessageContaining("which is not CPython 3.7+");
    }
}
