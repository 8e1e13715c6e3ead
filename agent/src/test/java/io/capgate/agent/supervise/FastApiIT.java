package io.capgate.agent.supervise;

import io.capgate.agent.engine.EngineMode;
import io.capgate.model.manifest.Manifest;
import io.capgate.model.manifest.ManifestBuilder;
import io.capgate.model.trace.Trace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seed article's scenario: a FastAPI service under uvicorn (Debian packages), traced, then enforced. */
class FastApiIT {

    @TempDir
    static Path dir;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void writeApp() throws Exception {
        KernelTests.require();
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/__init__.py"), "");
        Files.writeString(dir.resolve("app/main.py"), """
                import os, signal
                from fastapi import FastAPI

                app = FastAPI()

                @app.get("/")
                def root():
                    return {"hello": "world"}

                @app.get("/backdoor")
                def backdoor(cmd: str):
                    os.system(cmd)
                    return {"ran": cmd}

                @app.get("/quit")
                def quit():
                    os.kill(os.getpid(), signal.SIGINT)
                    return {"bye": True}
                """);
    }

    @Test
    void backdoorIsKilledBeforeItsCommandRunsWhileTheServiceKeepsAnswering() throws Exception {
        int port = freePort();
        List<String> command = List.of("/usr/bin/python3", "-m", "uvicorn", "--app-dir", dir.toString(),
                "app.main:app", "--port", Integer.toString(port));
        CompletableFuture<Trace> tracing = CompletableFuture.supplyAsync(() -> call(() -> Supervisor.local().trace(
                new TraceRequest(command, null, null, dir, "fastapi", null))));
        awaitPort(port);
        assertThat(get(port, "/")).contains("world");
        assertThat(get(port, "/")).contains("world");
        get(port, "/quit");
        Trace trace = tracing.get(60, TimeUnit.SECONDS);
        assertThat(trace.modules()).containsKeys("app.main", "uvicorn");
        assertThat(trace.modules().get("uvicorn").syscalls()).containsKeys("accept4");

        Manifest manifest = ManifestBuilder.build(List.of(trace), new ManifestBuilder.BuildOptions("fastapi", null));
        assertThat(manifest.module("app.main").capabilities()).doesNotContain("proc.spawn");
        Path pwned = dir.resolve("pwned");
        List<Violation> violations = new ArrayList<>();
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> call(() -> Supervisor.local().run(
                new RunRequest(manifest, EngineMode.KILL, command, null, null, false, false, dir, violations::add))));
        awaitPort(port);
        for (int i = 0; i < 5; i++) {
            assertThat(get(port, "/")).contains("world");
        }
        assertThatThrownBy(() -> get(port, "/backdoor?cmd=touch+" + pwned)).isInstanceOf(IOException.class);

        assertThat(running.get(60, TimeUnit.SECONDS)).isEqualTo(137);
        assertThat(pwned).doesNotExist();
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.module()).isEqualTo("app.main");
            assertThat(v.syscall()).isIn("clone3", "clone", "vfork");
            assertThat(v.stack()).anySatisfy(f -> assertThat(f.function()).isEqualTo("backdoor"));
        });
    }

    private String get(int port, String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("uvicorn did not listen on port " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T call(Call<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
