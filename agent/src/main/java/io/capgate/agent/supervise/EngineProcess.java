package io.capgate.agent.supervise;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One running bpftrace: its script in a root-only temp file, output lines handed to a consumer. */
final class EngineProcess implements AutoCloseable {

    private final Process process;
    private final Path script;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final List<String> errors = new ArrayList<>();
    private final Thread reader;
    private final Thread errReader;
    private volatile long lastLineNanos = System.nanoTime();

    private final String readyLine;

    private EngineProcess(Process process, Path script, long nonce, Consumer<String> lines) {
        this.process = process;
        this.readyLine = nonce + " READY";
        this.script = script;
        this.reader = Thread.ofPlatform().daemon().name("bpftrace-out").start(() -> pump(lines));
        this.errReader = Thread.ofPlatform().daemon().name("bpftrace-err").start(this::pumpErrors);
    }

    static EngineProcess start(String program, long nonce, Consumer<String> lines) throws IOException {
        Path script = Files.createTempFile("capgate-", ".bt",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(script, program);
        // Its own session: the terminal's Ctrl-C must not end bpftrace before we read its counts.
        ProcessBuilder pb = new ProcessBuilder("setsid", "bpftrace", "--unsafe", script.toString());
        pb.environment().put("BPFTRACE_STRLEN", "128");
        pb.environment().put("BPFTRACE_MAP_KEYS_MAX", "262144");
        // 1 MiB per CPU: a burst of violation records (one line per frame) must not overflow the perf buffer.
        pb.environment().put("BPFTRACE_PERF_RB_PAGES", "256");
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        return new EngineProcess(pb.start(), script, nonce, lines);
    }

    private void pump(Consumer<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lastLineNanos = System.nanoTime();
                if (line.equals(readyLine)) {
                    ready.countDown();
                }
                lines.accept(line);
            }
        } catch (IOException e) {
            synchronized (errors) {
                errors.add("reading bpftrace output failed: " + e.getMessage());
            }
        }
    }

    private void pumpErrors() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.contains("RLIMIT_MEMLOCK") || line.contains("WARNING") || line.isBlank()) {
                    continue;
                }
                synchronized (errors) {
                    if (errors.size() < 200) {
                        errors.add(line);
                    }
                }
            }
        } catch (IOException e) {
            // process gone
        }
    }

    /** Waits until every probe is attached; fails with bpftrace's own messages if it dies first. */
    void awaitReady(long seconds) throws PreflightException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!ready.await(100, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                errReader.join(2000);
                throw new PreflightException(PreflightException.EX_SOFTWARE,
                        "bpftrace could not start the engine:\n" + errorText());
            }
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String errorText() {
        synchronized (errors) {
            return String.join("\n", errors);
        }
    }

    /**
     * Asks bpftrace to run END (which prints the trace counts) and waits for all its output. First waits
     * for its output to go quiet: events of a process that just died (its violation record) may still be
     * in the perf buffer, and an interrupted bpftrace does not always drain it.
     */
    void stop() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (process.isAlive() && System.nanoTime() < deadline
                && System.nanoTime() - lastLineNanos < TimeUnit.MILLISECONDS.toNanos(400)) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
        if (process.isAlive()) {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            } catch (IOException e) {
                process.destroy();
            }
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        reader.join(10_000);
        errReader.join(2_000);
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(script);
    }
}
