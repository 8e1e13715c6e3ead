package io.capgate.agent.python;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.capgate.agent.os.LinuxProcFs;
import io.capgate.agent.os.ProcFs;
import io.capgate.agent.os.ProcessMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts real interpreters for integration tests and waits until their main thread runs Python code. */
final class LivePython implements AutoCloseable {

    static final Path DEBIAN = Path.of("/usr/bin/python3.11");
    static final Path PYENV_311 = Path.of("/root/.pyenv/versions/3.11.7/bin/python3");
    static final Path PYENV_312 = Path.of("/root/.pyenv/versions/3.12.1/bin/python3");
    static final Path PYENV_313 = Path.of("/root/.pyenv/versions/3.13.0/bin/python3");
    static final String SLEEP = "import time; time.sleep(30)";

    final ProcFs procFs = new LinuxProcFs();
    private final List<Process> started = new ArrayList<>();

    /** Skips the test when the interpreter is not installed here. */
    static void assumeInstalled(Path interpreter) {
        assumeTrue(Files.isExecutable(interpreter), interpreter + " is not installed");
    }

    Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    /**
     * Polls until the main interpreter thread's innermost frame runs {@code function} of
     * {@code filename} (start-up, which imports site modules, is over and the code sleeps).
     */
    PythonThread awaitMainThreadIn(PythonProcess python, String function, String filename) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (ProcessMemory memory = procFs.openMemory(python.pid(), false)) {
                List<PythonThread> threads = new PythonRuntimeReader(memory, python).threads(64);
                for (PythonThread t : threads) {
                    if (t.nativeThreadId() == python.pid() && !t.frames().isEmpty()
                            && t.frames().get(0).name().equals(function)
                            && t.frames().get(0).filename().equals(filename)) {
                        return t;
                    }
                }
            } catch (IOException e) {
                last = e; // not initialised yet
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("main thread of %d never reached %s in %s".formatted(python.pid(), function, filename),
                last);
    }

    /** Polls until a thread other than the main one has {@code function} as its innermost frame. */
    PythonThread awaitOtherThreadIn(PythonProcess python, String function) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            try (ProcessMemory memory = procFs.openMemory(python.pid(), false)) {
                for (PythonThread t : new PythonRuntimeReader(memory, python).threads(64)) {
                    if (t.nativeThreadId() != python.pid() && !t.frames().isEmpty()
                            && t.frames().get(0).name().equals(function)) {
                        return t;
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("no thread of %d reached %s".formatted(python.pid(), function));
    }

    /** Locates a process, retrying while the loader is still mapping libpython. */
    PythonProcess locate(Process process) throws Exception {
        PythonRuntimeLocator locator = new PythonRuntimeLocator(procFs, new BundledOffsets());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return locator.locate((int) process.pid());
            } catch (UnsupportedInterpreterException | IOException e) {
                if (System.nanoTime() > deadline || e.getMessage().contains("is CPython")) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
