package io.capgate.portal.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The bundled FastAPI sample ({@code examples/fastapi-demo}) under Debian's {@code /usr/bin/python3.11 -m uvicorn}
 * on a free loopback port, started from the sample's folder so its code is the application module
 * {@code app.main}. The port is in the command line, so {@link #argumentRegex()} matches this process and no
 * other sample another test runs at the same time.
 */
final class SampleService implements AutoCloseable {

  private final int port;
  private final Process process;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade header, which uvicorn refuses
      .connectTimeout(Duration.ofSeconds(5)).build();

  private SampleService(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Starts the sample and waits until it answers {@code GET /}. */
  static SampleService start(Path logDir) throws IOException {
    int port = freePort();
    java.nio.file.Files.createDirectories(logDir);
    Process process = new ProcessBuilder(FleetRequirements.PYTHON.toString(), "-m", "uvicorn", "--host", "127.0.0.1",
        "--port", Integer.toString(port), "app.main:app")
        .directory(FleetRequirements.FASTAPI_DEMO.toFile())
        .redirectOutput(logDir.resolve("fastapi-" + port + ".out").toFile())
        .redirectError(logDir.resolve("fastapi-" + port + ".err").toFile())
        .start();
    var service = new SampleService(port, process);
    Poll.until("the FastAPI sample to answer on port " + port, Duration.ofSeconds(60),
        () -> service.process.isAlive() && service.status("/") == 200,
        () -> "alive=" + service.process.isAlive());
    return service;
  }

  /** Matches this instance's command line ({@code ... -m uvicorn --host 127.0.0.1 --port P app.main:app}). */
  String argumentRegex() {
    return "-m uvicorn --host 127\\.0\\.0\\.1 --port " + port + " app\\.main:app";
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** {@code count} requests to the routes the service is for, each answered 200. */
  void drive(int count) {
    for (int i = 0; i < count; i++) {
      String path = i % 2 == 0 ? "/" : "/items/" + i + "?q=capgate";
      int status = status(path);
      if (status != 200) {
        throw new AssertionError("GET " + path + " answered " + status);
      }
    }
  }

  /** Calls the backdoor route; returns the status, or -1 when the connection broke (the process died). */
  int backdoor() {
    try {
      return send("/backdoor");
    } catch (IOException e) {
      return -1;
    }
  }

  /** The exit status once the process has exited (137 when killed by SIGKILL). */
  int awaitExit(Duration deadline) {
    try {
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the FastAPI sample (pid " + process.pid() + ") is still running after "
            + deadline.toSeconds() + " s");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int status(String path) {
    try {
      return send(path);
    } catch (IOException e) {
      return -1;
    }
  }

  private int send(String path) throws IOException {
    try {
      var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(10)).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    http.close();
  }
}
