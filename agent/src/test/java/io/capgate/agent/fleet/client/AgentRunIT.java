package io.capgate.agent.fleet.client;

import static io.capgate.agent.fleet.client.ClientFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.identity.EnrollmentToken;
import io.capgate.agent.os.JnaProcesses;
import io.capgate.model.protocol.AssignmentStatus;
import io.capgate.model.protocol.Assignments;
import io.capgate.model.protocol.Hello;
import io.capgate.model.protocol.ObservationBatch;
import io.capgate.model.protocol.ObservationEntry;
import io.capgate.model.protocol.ProcessMatcher;
import io.capgate.model.protocol.ProtectionState;
import io.capgate.model.protocol.ServiceAssignment;
import io.capgate.model.protocol.ServiceMode;
import java.util.List;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged CLI: enroll, then run until SIGTERM, against the TLS portal stub; on the kernel, observe a service. */
class AgentRunIT {

    private static final Path JAR = Path.of("target/capgate-agent.jar").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path tmp;

    @Test
    void runsUntilSigtermAndStopsCleanly() throws Exception {
        try (TestPortal portal = new TestPortal()) {
            String state = tmp.resolve("state").toString();
            String token = new EnrollmentToken("localhost", portal.port(), portal.caPin(),
                    "c2VjcmV0LXNlY3JldC1zZWNyZXQ").encode();
            Process enroll = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "agent", "enroll", "--token", token,
                    "--state-dir", state).redirectErrorStream(true).start();
            assertThat(enroll.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(enroll.exitValue()).as(new String(enroll.getInputStream().readAllBytes())).isZero();

            Path log = tmp.resolve("run.log");
            Process run = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "agent", "run", "--state-dir", state)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                await("the agent said hello", () -> portal.receivedMessages().stream()
                        .anyMatch(m -> m instanceof Hello));
                await("the session is open", () -> read(log).contains("OPEN: session open"));
                run.destroy(); // SIGTERM
                assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                run.destroyForcibly();
            }
            assertThat(read(log)).contains("STOPPED: stopped").doesNotContain("Exception");
            assertThat(run.exitValue()).isIn(0, 143);
        }
    }

    /**
     * The whole daemon on the kernel: the portal assigns an OBSERVE service (no manifest yet) matching a real
     * /usr/bin/python3.11 process; the agent finds it, attaches bpftrace, reports it PROTECTED and streams
     * observation batches; SIGTERM detaches and the service keeps running.
     */
    @Test
    void observesAnAssignedPythonServiceWithTheKernel() throws Exception {
        requireKernel();
        String marker = "capgate-it-" + Long.toHexString(System.nanoTime());
        Path script = tmp.resolve("service.py");
        Files.writeString(script, """
                import os, sys, time
                stop = sys.argv[1] + ".stop"
                while not os.path.exists(stop):
                    os.umask(0o22)
                    with open("/etc/hostname") as f:
                        f.read()
                    time.sleep(0.05)
                """);
        Process service = new ProcessBuilder("/usr/bin/python3.11", script.toString(), tmp.resolve(marker)
                .toString()).inheritIO().start();
        try (TestPortal portal = new TestPortal()) {
            portal.assign(new Assignments(1, 1, List.of(new ServiceAssignment("svc-it", "it",
                    new ProcessMatcher.Executable("/usr/bin/python3.11", marker), ServiceMode.OBSERVE,
                    Optional.empty()))));
            String state = enroll(portal);
            Path log = tmp.resolve("run.log");
            long started = System.nanoTime();
            Process run = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "agent", "run", "--state-dir", state)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                awaitLong("PROTECTED is reported for the python process", log, () -> portal.receivedMessages()
                        .stream().filter(m -> m instanceof AssignmentStatus).map(m -> (AssignmentStatus) m)
                        .anyMatch(s -> s.statuses().stream().anyMatch(p -> p.pid() == service.pid()
                                && p.state() == ProtectionState.PROTECTED)));
                long protectedAt = System.nanoTime();
                awaitLong("observation batches arrive", log, () -> observed(portal).contains("umask"));
                System.out.printf("AgentRunIT: agent run start to PROTECTED %d ms, to the first observations %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(protectedAt - started),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                assertThat(observed(portal)).contains("openat");
                assertThat(portal.receivedMessages()).filteredOn(m -> m instanceof Hello).first()
                        .satisfies(h -> assertThat(((Hello) h).host().pythonVersions())
                                .anyMatch(v -> v.startsWith("3.11.")));
                run.destroy(); // SIGTERM
                assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                run.destroyForcibly();
            }
            assertThat(read(log)).contains("STOPPED: stopped");
            assertThat(service.isAlive()).as("detaching leaves the service running").isTrue();
        } finally {
            Files.writeString(tmp.resolve(marker + ".stop"), "");
            service.waitFor(10, TimeUnit.SECONDS);
            service.destroyForcibly();
        }
    }

    private static String enroll(TestPortal portal) throws Exception {
        return enrollIn(portal, Files.createTempDirectory("capgate-it-state").resolve("state").toString());
    }

    private static String enrollIn(TestPortal portal, String state) throws Exception {
        String token = new EnrollmentToken("localhost", portal.port(), portal.caPin(),
                "c2VjcmV0LXNlY3JldC1zZWNyZXQ").encode();
        Process enroll = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "agent", "enroll", "--token", token,
                "--state-dir", state).redirectErrorStream(true).start();
        assertThat(enroll.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(enroll.exitValue()).as(new String(enroll.getInputStream().readAllBytes())).isZero();
        return state;
    }

    /** The syscalls observed for svc-it so far. */
    private static List<String> observed(TestPortal portal) {
        return portal.receivedMessages().stream().filter(m -> m instanceof ObservationBatch)
                .flatMap(m -> ((ObservationBatch) m).entries().stream())
                .filter(e -> e.serviceId().equals("svc-it")).map(ObservationEntry::syscall).toList();
    }

    private static void awaitLong(String what, Path log, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; agent log:\n" + read(log));
            }
            Thread.sleep(50);
        }
    }

    /** Fails (never skips) without root and bpftrace when {@code -Dcapgate.requireKernel=true}. */
    private static void requireKernel() {
        boolean root = new JnaProcesses().euid() == 0;
        boolean bpftrace = Files.isExecutable(Path.of("/usr/bin/bpftrace"));
        boolean python = Files.isExecutable(Path.of("/usr/bin/python3.11"));
        if (Boolean.getBoolean("capgate.requireKernel")) {
            if (!root || !bpftrace || !python) {
                throw new AssertionError("kernel tests required but root=" + root + " bpftrace=" + bpftrace
                        + " python3.11=" + python);
            }
        } else {
            Assumptions.assumeTrue(root && bpftrace && python, "needs root, bpftrace and /usr/bin/python3.11");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
