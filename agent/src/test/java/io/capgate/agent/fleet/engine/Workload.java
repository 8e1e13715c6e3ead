package io.capgate.agent.fleet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.discovery.DiscoveredProcess;
import io.capgate.agent.fleet.discovery.LinuxProcessTable;
import io.capgate.agent.fleet.discovery.ProcessId;
import io.capgate.agent.os.JnaProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;

/**
 * A Python service for the kernel tests: it starts, waits for a "go" file, then runs one of {@code worker}'s
 * workloads (each makes an exact, known number of syscalls from a known function), then waits for a "done" file.
 */
final class Workload implements AutoCloseable {

    static final String DEBIAN = "/usr/bin/python3.11";
    static final String PYENV = "/root/.pyenv/versions/3.11.7/bin/python3.11";
    /**
     * How long a session may take to end: {@code EngineProcess.stop} waits up to 3 s for quiet output, 30 s for
     * bpftrace to exit after SIGINT and 10 s for its output; on this shared 2-core machine, detaching under load
     * has been seen to take more than 30 s.
     */
    static final int END_SECONDS = 90;

    private final Path app;
    private final Path go;
    private final Path done;
    private final Path report;
    final Process process;

    private Workload(Path app, String name, Process process) {
        this.app = app;
        this.go = app.resolve(name + ".go");
        this.done = app.resolve(name + ".done");
        this.report = app.resolve(name + ".report");
        this.process = process;
    }

    /** Fails (never skips) without root and bpftrace when {@code -Dcapgate.requireKernel=true}. */
    static void requireKernel() {
        boolean root = new JnaProcesses().euid() == 0;
        boolean bpftrace = Files.isExecutable(Path.of("/usr/bin/bpftrace"));
        if (Boolean.getBoolean("capgate.requireKernel")) {
            if (!root || !bpftrace) {
                throw new AssertionError("kernel tests required but root=" + root + " bpftrace=" + bpftrace);
            }
        } else {
            Assumptions.assumeTrue(root && bpftrace, "needs root and bpftrace");
        }
    }

    static void writeApp(Path app) throws IOException {
        Files.createDirectories(app.resolve("worker"));
        Files.writeString(app.resolve("worker/__init__.py"), """
                import os, time
                def ppids(n):
                    for _ in range(n):
                        os.getppid()
                def umasks(n, pause):
                    for _ in range(n):
                        os.umask(0o22)
                        time.sleep(pause)
                def switching(stop):
                    n = 0
                    while not os.path.exists(stop):
                        os.umask(0o22)
                        n += 1
                        time.sleep(0.01)
                    return n
                """);
        Files.writeString(app.resolve("service.py"), """
                import os, sys, time, worker
                name, what, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
                open(name + ".started", "w").close()
                while not os.path.exists(name + ".go"):
                    time.sleep(0.02)
                if what == "ppids":
                    worker.ppids(n)
                    result = n
                elif what == "umasks":
                    worker.umasks(n, 0.002)
                    result = n
                else:
                    result = worker.switching(name + ".done")
                with open(name + ".report", "w") as f:
                    f.write(str(result))
                while not os.path.exists(name + ".done"):
                    time.sleep(0.02)
                """);
    }

    /** Starts {@code service.py} and waits until it runs. */
    static Workload start(Path app, String python, String name, String what, int n) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(python, app.resolve("service.py").toString(),
                app.resolve(name).toString(), what, Integer.toString(n)));
        Process p = new ProcessBuilder(cmd).directory(app.toFile()).inheritIO().start();
        Workload w = new Workload(app, name, p);
        Path started = app.resolve(name + ".started");
        await("the service started", () -> Files.exists(started), 10);
        return w;
    }

    int pid() {
        return (int) process.pid();
    }

    ProcessId id() throws IOException {
        return new ProcessId(pid(), new LinuxProcessTable().stat(pid()).startTicks());
    }

    DiscoveredProcess discovered() throws IOException {
        return new DiscoveredProcess(id(), (int) ProcessHandle.current().pid(), Path.of(DEBIAN), false,
                List.of(DEBIAN, app.resolve("service.py").toString()));
    }

    void go() {
        touch(go);
    }

    void finish() {
        touch(done);
    }

    /** What the workload reported it did (its iteration count), once it is through. */
    int reported() throws Exception {
        await("the workload reported", () -> Files.exists(report), 60);
        await("the report is written", () -> {
            try {
                return !Files.readString(report).isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, 10);
        return Integer.parseInt(Files.readString(report).trim());
    }

    static void await(String what, BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                // Where every thread is, for the test log: a session that does not end shows here why.
                Thread.getAllStackTraces().forEach((t, stack) -> {
                    if (t.getName().startsWith("engine-") || t.getName().startsWith("bpftrace")) {
                        System.out.println("[stuck] " + t.getName() + " " + t.getState());
                        java.util.Arrays.stream(stack).limit(12).forEach(f -> System.out.println("[stuck]   at " + f));
                    }
                });
            }
            assertThat(System.nanoTime() < deadline).as("waited %d s for: %s", seconds, what).isTrue();
            Thread.sleep(20);
        }
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "x");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
