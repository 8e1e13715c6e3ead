package io.capgate.agent.fleet.client;

import static io.capgate.agent.fleet.client.ClientFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.capgate.agent.fleet.identity.EnrollmentToken;
import io.capgate.model.protocol.Hello;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged CLI: enroll, then run until SIGTERM, against the TLS portal stub. */
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

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
