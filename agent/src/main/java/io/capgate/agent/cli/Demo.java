package io.capgate.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.capgate.agent.engine.EngineMode;
import io.capgate.agent.supervise.PreflightException;
import io.capgate.agent.supervise.RunRequest;
import io.capgate.agent.supervise.Supervisor;
import io.capgate.agent.supervise.TraceRequest;
import io.capgate.agent.supervise.Violation;
import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestBuilder;
import io.capgate.model.manifest.ManifestBuilder.BuildOptions;
import io.capgate.model.manifest.ManifestWriter;
import io.capgate.model.manifest.ModulePolicy;
import io.capgate.model.trace.Trace;
import io.capgate.model.trace.TraceJson;

/**
 * The guided demo: trace the bundled FastAPI sample app while it serves a few requests, build its manifest, then
 * run it enforced with {@code kill} and call its backdoor route, which runs a shell command: the process is
 * killed (status 137) before the shell runs, so the file the command would create does not exist.
 *
 * <p>The supervisor starts the app and owns it; the demo only talks HTTP to it. Each run ends by itself: uvicorn's
 * {@code --limit-max-requests} shuts the server down after the demo's requests (the supervisor API sets no
 * environment, so the app's own {@code CAPGATE_DEMO_REQUESTS} switch is for running it by hand).
 */
final class Demo {

    /** The sample app, relative to the Capgate home (the repository root). */
    static final String APP_DIR = "examples/fastapi-demo";
    /** The file the sample app's {@code /backdoor} route creates with a shell command. */
    static final Path PWNED = Path.of("/tmp/capgate-demo-pwned");
    static final String SERVICE = "fastapi-demo";
    static final int KILLED = 128 + 9;

    private static final List<String> TRACE_PATHS = List.of("/", "/items/1");

    /**
     * @param home         the Capgate home holding {@link #APP_DIR}
     * @param python       the interpreter that has FastAPI and uvicorn
     * @param port         the port the app listens on; 0 picks a free one
     * @param outputDir    where trace.json, manifest.yaml and violations.jsonl go
     * @param pwnedFile    the file the backdoor creates (the app's is {@link #PWNED})
     * @param checkPython  whether to check first that {@code python} can import fastapi and uvicorn
     * @param startTimeout how long to wait for the app to accept connections (bpftrace takes a while to attach)
     * @param exitTimeout  how long to wait for the app to exit once it has served its requests
     */
    record Settings(Path home, String python, int port, Path outputDir, Path pwnedFile, boolean checkPython,
                    Duration startTimeout, Duration exitTimeout) {

        Settings {
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(python, "python");
            Objects.requireNonNull(outputDir, "outputDir");
            Objects.requireNonNull(pwnedFile, "pwnedFile");
            Objects.requireNonNull(startTimeout, "startTimeout");
            Objects.requireNonNull(exitTimeout, "exitTimeout");
        }
    }

    private final Supervisor supervisor;
    private final PrintWriter out;
    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Demo(Supervisor supervisor, PrintWriter out, Settings settings) {
        this.supervisor = Objects.requireNonNull(supervisor, "supervisor");
        this.out = Objects.requireNonNull(out, "out");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Runs the four steps.
     *
     * @return 0 when the backdoor was stopped, 1 when it was not
     */
    int run() throws CliException, PreflightException, IOException, InterruptedException {
        Path appDir = locateApp();
        if (settings.checkPython()) {
            checkPython();
        }
        Path outputDir = Inputs.directory(settings.outputDir());
        int port = settings.port() != 0 ? settings.port() : freePort();
        ExecutorService phases = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "capgate-demo-supervisor");
            t.setDaemon(true);
            return t;
        });
        try {
            say("Capgate demo: a per-module syscall allowlist stops a backdoor in a FastAPI app.");
            say("Sample app: " + appDir + " (routes /, /items/{id} and /backdoor, which runs a shell command).");
            Trace trace = trace(phases, appDir, port, outputDir);
            Manifest manifest = build(trace, outputDir);
            return enforce(phases, appDir, port, outputDir, manifest);
        } finally {
            phases.shutdownNow();
        }
    }

    private Trace trace(ExecutorService phases, Path appDir, int port, Path outputDir)
            throws CliException, PreflightException, IOException, InterruptedException {
        List<String> command = command(appDir, port, TRACE_PATHS.size());
        say("");
        say("[1/4] Trace: Capgate starts the app and records which syscalls each Python module makes.");
        say("  $ " + Inputs.shellJoin(command));
        say("  (--limit-max-requests makes uvicorn exit after the demo's " + TRACE_PATHS.size() + " requests,"
                + " which ends the trace)");
        Future<Trace> tracing = phases.submit(() -> supervisor.trace(
                new TraceRequest(command, null, null, appDir, SERVICE, null)));
        waitForPort(tracing, port);
        for (String path : TRACE_PATHS) {
            say("  GET " + path + " -> " + get(port, path));
        }
        Trace trace = await(tracing, settings.exitTimeout(), "the app did not exit after serving its requests");
        Path traceFile = outputDir.resolve("trace.json");
        Files.writeString(traceFile, TraceJson.write(trace));
        TraceSummary summary = TraceSummary.of(trace);
        say("  Traced " + summary.text() + "; wrote " + traceFile + ".");
        if (summary.lostWarning() != null) {
            say("  " + summary.lostWarning());
        }
        return trace;
    }

    private Manifest build(Trace trace, Path outputDir) throws CliException, IOException {
        say("");
        say("[2/4] Build: each module may do what it was seen doing, and nothing else.");
        Manifest manifest;
        try {
            manifest = ManifestBuilder.build(List.of(trace), BuildOptions.of(SERVICE));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.DATAERR, "cannot build a manifest from the trace: " + e.getMessage());
        }
        Path manifestFile = outputDir.resolve("manifest.yaml");
        String yaml = ManifestWriter.toYaml(manifest);
        Files.writeString(manifestFile, yaml);
        yaml.lines().forEach(line -> say("    " + line));
        ModulePolicy app = manifest.modules().get("app.main");
        if (app != null && app.exec().isEmpty()) {
            say("  app.main ran no program while traced, so its exec list is empty.");
        }
        say("  Wrote " + manifestFile + ".");
        return manifest;
    }

    private int enforce(ExecutorService phases, Path appDir, int port, Path outputDir, Manifest manifest)
            throws CliException, PreflightException, IOException, InterruptedException {
        Path pwned = settings.pwnedFile();
        if (Files.deleteIfExists(pwned)) {
            say("");
            say("(removed " + pwned + " left by an earlier run)");
        }
        // One spare request: if the backdoor is not stopped, a third request still ends the server.
        List<String> command = command(appDir, port, 3);
        Path violationsFile = outputDir.resolve("violations.jsonl");
        List<Violation> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        say("");
        say("[3/4] Enforce: the same app under the manifest, killed on the first violation.");
        say("  $ capgate run --manifest " + outputDir.resolve("manifest.yaml") + " --on-violation kill -- "
                + Inputs.shellJoin(command));
        Future<Integer> running = phases.submit(() -> supervisor.run(new RunRequest(manifest, EngineMode.KILL,
                command, null, violationsFile, false, true, appDir, violation -> {
                    violations.add(violation);
                    say("  " + violation.oneLine());
                })));
        waitForPort(running, port);
        say("  GET / -> " + get(port, "/"));
        say("  GET /backdoor (runs os.system(\"touch " + PWNED + "\")) -> " + get(port, "/backdoor"));
        Integer status = awaitOrNull(running, Duration.ofSeconds(5));
        if (status == null) {
            say("  the app is still running; one more request reaches its request limit");
            say("  GET / -> " + get(port, "/"));
            status = await(running, settings.exitTimeout(), "the app did not exit after serving its requests");
        }
        say("  The app exited with status " + status + (status == KILLED ? " (killed by SIGKILL)" : "") + ".");

        say("");
        say("[4/4] Result:");
        boolean exists = Files.exists(pwned);
        if (status == KILLED && !exists) {
            say("  " + pwned + " does not exist: the shell command never ran.");
            say("  app.main was allowed the syscalls it used while traced; running a shell was not among them, so"
                    + " Capgate killed the process at the first syscall outside its manifest ("
                    + Inputs.count(violations.size(), "violation") + ", see " + violationsFile + ").");
            return ExitCodes.OK;
        }
        say("  The backdoor was NOT stopped: status " + status + ", " + pwned
                + (exists ? " exists." : " does not exist."));
        return ExitCodes.FOUND;
    }

    /** The uvicorn command line; the app exits by itself after {@code requests} requests. */
    private List<String> command(Path appDir, int port, int requests) {
        return List.of(settings.python(), "-m", "uvicorn", "--app-dir", appDir.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--limit-max-requests", Integer.toString(requests),
                "app.main:app");
    }

    private Path locateApp() throws CliException {
        Path appDir = settings.home().resolve(APP_DIR).toAbsolutePath().normalize();
        if (!Files.isRegularFile(appDir.resolve("app/main.py"))) {
            throw new CliException(ExitCodes.NOINPUT, "cannot find the sample app: " + appDir.resolve("app/main.py")
                    + " does not exist; run the demo with ./capgate from the repository (it sets -Dcapgate.home),"
                    + " or from the repository root");
        }
        return appDir;
    }

    private void checkPython() throws PreflightException, InterruptedException {
        String hint = "; the demo needs FastAPI and uvicorn for " + settings.python()
                + " (Debian: apt-get install python3-fastapi python3-uvicorn), or give another one with --python";
        try {
            Process p = new ProcessBuilder(settings.python(), "-c", "import fastapi, uvicorn")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new PreflightException(PreflightException.EX_UNAVAILABLE, settings.python()
                        + " did not answer within 30 s" + hint);
            }
            if (p.exitValue() != 0) {
                throw new PreflightException(PreflightException.EX_UNAVAILABLE, settings.python()
                        + " cannot import fastapi and uvicorn" + hint);
            }
        } catch (IOException e) {
            throw new PreflightException(PreflightException.EX_UNAVAILABLE, "cannot run " + settings.python() + ": "
                    + Inputs.describe(e) + hint);
        }
    }

    /** Waits until the app accepts connections; fails early when the supervisor has already returned. */
    private void waitForPort(Future<?> phase, int port)
            throws CliException, PreflightException, InterruptedException {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (phase.isDone()) {
                awaitOrNull(phase, Duration.ofSeconds(1)); // rethrows the supervisor's failure
                throw new CliException(ExitCodes.SOFTWARE, "the app exited before it accepted connections on port "
                        + port + "; is the port in use? (choose another with --port)");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        phase.cancel(true);
        throw new CliException(ExitCodes.SOFTWARE, "the app did not accept connections on port " + port
                + " within " + DurationConverter.format(settings.startTimeout()));
    }

    /** {@code 200 {"hello":"world"}}, or what went wrong, in one line. */
    private String get(int port, String path) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body().strip();
            return response.statusCode() + " " + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
        } catch (java.net.ConnectException e) {
            return "no response (connection refused: the server is gone)";
        } catch (java.net.http.HttpTimeoutException e) {
            return "no response within 15 s";
        } catch (IOException e) {
            return "no response (the connection was closed" + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + ")";
        }
    }

    private <T> T await(Future<T> phase, Duration timeout, String timeoutMessage)
            throws CliException, PreflightException, InterruptedException {
        T result = awaitOrNull(phase, timeout);
        if (result == null && !phase.isDone()) {
            phase.cancel(true);
            throw new CliException(ExitCodes.SOFTWARE, timeoutMessage + " within "
                    + DurationConverter.format(timeout));
        }
        return result;
    }

    /** The phase's result, or null when it has not finished within {@code timeout}; rethrows its failure. */
    private static <T> T awaitOrNull(Future<T> phase, Duration timeout) throws PreflightException, InterruptedException {
        try {
            return phase.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case PreflightException p -> throw p;
                case InterruptedException i -> throw i;
                case RuntimeException r -> throw r;
                case Error r -> throw r;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
