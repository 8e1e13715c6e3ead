package io.capgate.agent.fleet.client;

import io.capgate.model.protocol.HostFacts;
import io.capgate.model.protocol.Limits;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this host reports in ENROLL_REQUEST and HELLO: host name and kernel from {@code /proc/sys/kernel}, the
 * bpftrace version from {@code bpftrace --version}, the installed Python interpreters' versions
 * ({@link PythonInterpreters}).
 */
public final class LocalHostFacts {

    private static final Pattern VERSION = Pattern.compile("v?(\\d+\\.\\d+(\\.\\d+)?\\S*)");

    private LocalHostFacts() {
    }

    /**
     * Probes this host; runs {@code bpftrace --version} (at most 5 s) and each interpreter's {@code --version}
     * (at most 3 s each), so call it off any event loop.
     */
    public static HostFacts probe() throws InterruptedException {
        String hostname = read("/proc/sys/kernel/hostname").orElseGet(LocalHostFacts::javaHostName);
        String kernel = read("/proc/sys/kernel/osrelease").orElse(System.getProperty("os.version", "unknown"));
        return new HostFacts(Limits.clip(hostname, Limits.MAX_NAME_BYTES), Limits.clip(kernel,
                Limits.MAX_NAME_BYTES), bpftraceVersion(), PythonInterpreters.versions());
    }

    private static Optional<String> read(String file) {
        try {
            String s = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String javaHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static Optional<String> bpftraceVersion() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("bpftrace", "--version").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            Matcher m = VERSION.matcher(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            return p.exitValue() == 0 && m.find() ? Optional.of(Limits.clip(m.group(1), Limits.MAX_NAME_BYTES))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // not installed
        }
    }
}
