package io.capgate.agent.supervise;

import io.capgate.agent.os.JnaProcesses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Refuses early, with a documented exit code, when this host cannot run the engine. */
final class Preflight {

    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)");
    private static final Path TRACEFS = Path.of("/sys/kernel/tracing");

    private Preflight() {
    }

    static void check() throws PreflightException, InterruptedException {
        if (new JnaProcesses().euid() != 0) {
            throw new PreflightException(PreflightException.EX_NOPERM,
                    "bpftrace needs root: run capgate with sudo (the supervised program still runs as you)");
        }
        bpftraceVersion();
        tracefs();
    }

    private static void bpftraceVersion() throws PreflightException, InterruptedException {
        String out;
        try {
            Process p = new ProcessBuilder("bpftrace", "--version").redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new PreflightException(PreflightException.EX_UNAVAILABLE,
                    "bpftrace not found: install it (apt-get install bpftrace), version 0.17 or newer");
        }
        Matcher m = VERSION.matcher(out);
        if (!m.find() || Integer.parseInt(m.group(1)) == 0 && Integer.parseInt(m.group(2)) < 17) {
            throw new PreflightException(PreflightException.EX_UNAVAILABLE,
                    "bpftrace 0.17 or newer is needed, found: " + out);
        }
    }

    private static void tracefs() throws PreflightException, InterruptedException {
        if (Files.isDirectory(TRACEFS.resolve("events"))) {
            return;
        }
        try {
            Process p = new ProcessBuilder("mount", "-t", "tracefs", "nodev", TRACEFS.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // reported below
        }
        if (!Files.isDirectory(TRACEFS.resolve("events"))) {
            throw new PreflightException(PreflightException.EX_OSERR,
                    "tracefs is not mounted at /sys/kernel/tracing and mounting it failed");
        }
    }
}
