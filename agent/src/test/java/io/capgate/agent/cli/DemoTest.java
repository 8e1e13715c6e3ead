package io.capgate.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.capgate.agent.engine.EngineMode;
import io.capgate.agent.supervise.PreflightException;
import io.capgate.agent.supervise.RunRequest;
import io.capgate.agent.supervise.Supervisor;
import io.capgate.agent.supervise.TraceRequest;
import io.capgate.model.manifest.ManifestFixtures;
import io.capgate.model.manifest.ManifestWriter;
import io.capgate.model.trace.Trace;
import io.capgate.model.trace.TraceFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's choreography against a supervisor that serves HTTP itself, in place of uvicorn under bpftrace. */
class DemoTest {

    @TempDir
    Path home;

    @TempDir
    Path work;

    private final StringWriter out = new StringWriter();

    @BeforeEach
    void sampleApp() throws IOException {
        Files.createDirectories(home.resolve(Demo.APP_DIR).resolve("app"));
        Files.writeString(home.resolve(Demo.APP_DIR).resolve("app/main.py"), "# the sample app\n");
    }

    private Demo.Settings settings() {
        return new Demo.Settings(home, "/usr/bin/python3", 0, work.resolve("demo"), work.resolve("pwned"), false,
                Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    private int run(Supervisor supervisor) throws Exception {
        return new Demo(supervisor, new PrintWriter(out, true), settings()).run();
    }

    @Test
    void tracesBuildsAndStopsTheBackdoor() throws Exception {
        HttpSupervisor supervisor = new HttpSupervisor(true);

        assertThat(run(supervisor)).isZero();

        TraceRequest trace = supervisor.traceRequest;
        Path appDir = home.resolve(Demo.APP_DIR).toAbsolutePath();
        assertThat(trace.command()).startsWith("/usr/bin/python3", "-m", "uvicorn", "--app-dir", appDir.toString())
                .contains("--limit-max-requests", "2").endsWith("app.main:app");
        assertThat(trace.appRoot()).isEqualTo(appDir);
        assertThat(trace.service()).isEqualTo("fastapi-demo");
        RunRequest run = supervisor.runRequest;
        assertThat(run.mode()).isEqualTo(EngineMode.KILL);
        assertThat(run.manifest()).isEqualTo(ManifestFixtures.aManifest());
        assertThat(run.violationsFile()).isEqualTo(work.resolve("demo/violations.jsonl"));
        assertThat(supervisor.paths).containsExactly("/", "/items/1", "/", "/backdoor");

        assertThat(Files.readString(work.resolve("demo/manifest.yaml"))).isEqualTo(ManifestFixtures.A_MANIFEST_YAML);
        assertThat(work.resolve("demo/trace.json")).exists();
        assertThat(out.toString())
                .contains("[1/4] Trace", "[2/4] Build", "[3/4] Enforce", "[4/4] Result")
                .contains("  GET / -> 200 {\"hello\":\"world\"}")
                .contains("  GET /items/1 -> 200 {\"item_id\":1}")
                .contains("    app.main:")
                .contains("  GET /backdoor (runs os.system(\"touch /tmp/capgate-demo-pwned\")) -> no response")
                .contains(FakeSupervisor.aViolation().oneLine())
                .contains("exited with status 137 (killed by SIGKILL)")
                .contains(work.resolve("pwned") + " does not exist: the shell command never ran.");
    }

    @Test
    void saysSoWhenTheBackdoorWasNotStopped() throws Exception {
        HttpSupervisor supervisor = new HttpSupervisor(false);

        assertThat(run(supervisor)).isEqualTo(1);

        assertThat(supervisor.paths).containsExactly("/", "/items/1", "/", "/backdoor", "/");
        assertThat(out.toString()).contains("one more request reaches its request limit")
                .contains("The backdoor was NOT stopped: status 0, " + work.resolve("pwned") + " exists.");
    }

    @Test
    void removesAStaleMarkerFirst() throws Exception {
        Files.writeString(work.resolve("pwned"), "");
        assertThat(run(new HttpSupervisor(true))).isZero();
        assertThat(out.toString()).contains("(removed " + work.resolve("pwned") + " left by an earlier run)");
    }

    @Test
    void failsClearlyWithoutTheSampleApp(@TempDir Path empty) {
        Demo demo = new Demo(new FakeSupervisor(), new PrintWriter(out, true), new Demo.Settings(empty,
                "/usr/bin/python3", 0, work.resolve("demo"), work.resolve("pwned"), false, Duration.ofSeconds(1),
                Duration.ofSeconds(1)));
        assertThatThrownBy(demo::run).isInstanceOf(CliException.class)
                .hasMessageStartingWith("cannot find the sample app: " + empty.resolve(Demo.APP_DIR + "/app/main.py"))
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(66));
    }

    @Test
    void preflightFailuresPassThrough() {
        FakeSupervisor supervisor = new FakeSupervisor();
        supervisor.failure = new PreflightException(PreflightException.EX_NOPERM, "needs root");
        assertThatThrownBy(() -> run(supervisor)).isInstanceOf(PreflightException.class).hasMessage("needs root");
    }

    @Test
    void isAVerbThatFindsTheAppUnderCapgateHome() {
        CliRun cli = new CliRun();
        String before = System.getProperty(DemoCommand.HOME_PROPERTY);
        System.setProperty(DemoCommand.HOME_PROPERTY, work.resolve("nowhere").toString());
        try {
            assertThat(cli.execute("demo", "-o", work.resolve("demo").toString())).isEqualTo(66);
            assertThat(cli.err()).startsWith("capgate: cannot find the sample app: "
                    + work.resolve("nowhere").resolve(Demo.APP_DIR).resolve("app/main.py"));
        } finally {
            if (before == null) {
                System.clearProperty(DemoCommand.HOME_PROPERTY);
            } else {
                System.setProperty(DemoCommand.HOME_PROPERTY, before);
            }
        }
    }

    /**
     * Plays the sample app: serves on the command's --port until its --limit-max-requests; with {@code kills}, the
     * backdoor request gets no response and the run ends with 137, else the backdoor "runs" and creates the marker.
     */
    private final class HttpSupervisor implements Supervisor {

        final List<String> paths = Collections.synchronizedList(new ArrayList<>());
        final boolean kills;
        TraceRequest traceRequest;
        RunRequest runRequest;

        HttpSupervisor(boolean kills) {
            this.kills = kills;
        }

        @Override
        public Trace trace(TraceRequest request) throws InterruptedException {
            traceRequest = request;
            serve(request.command(), null);
            return TraceFixtures.aTrace();
        }

        @Override
        public int run(RunRequest request) throws InterruptedException {
            runRequest = request;
            return serve(request.command(), request);
        }

        private int serve(List<String> command, RunRequest run) throws InterruptedException {
            int port = Integer.parseInt(command.get(command.indexOf("--port") + 1));
            int limit = Integer.parseInt(command.get(command.indexOf("--limit-max-requests") + 1));
            CountDownLatch done = new CountDownLatch(1);
            int[] status = {0};
            int[] served = {0};
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 10);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                paths.add(path);
                synchronized (served) {
                    served[0]++;
                }
                if (path.equals("/backdoor") && run != null && kills) {
                    run.violations().accept(FakeSupervisor.aViolation());
                    status[0] = 137;
                    exchange.close(); // no response: the process is gone
                    done.countDown();
                    return;
                }
                if (path.equals("/backdoor")) {
                    Files.writeString(work.resolve("pwned"), "");
                }
                respond(exchange, path.equals("/") ? "{\"hello\":\"world\"}"
                        : path.startsWith("/items/") ? "{\"item_id\":1}" : "{\"ran\":\"touch\",\"status\":0}");
                synchronized (served) {
                    if (served[0] >= limit) {
                        done.countDown();
                    }
                }
            });
            server.start();
            try {
                assertThat(done.await(20, TimeUnit.SECONDS)).as("the demo sent its requests").isTrue();
            } finally {
                server.stop(0);
            }
            return status[0];
        }

        private static void respond(HttpExchange exchange, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }
}
