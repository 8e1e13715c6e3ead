package io.capgate.portal.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * A byte-for-byte TCP relay on a fixed loopback port in front of the portal's gateway, for the tests that stop
 * and start the gateway: the gateway picks a new free port at every start (tests configure port 0), while an
 * enrolled agent keeps connecting to the address its token named. TLS passes through untouched (the agent and
 * the gateway still authenticate each other end to end). While the "portal is away" the relay does not listen
 * either, so the agent sees connection refused, as with a portal that is down.
 */
final class TcpRelay implements AutoCloseable {

  private final int port;
  private final IntSupplier upstreamPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;

  /** @param upstreamPort asked at each connection, so it follows a restarted gateway */
  TcpRelay(int port, IntSupplier upstreamPort) {
    this.port = port;
    this.upstreamPort = upstreamPort;
  }

  int port() {
    return port;
  }

  /** Starts listening (again) on the relay's port. */
  synchronized void listen() throws IOException {
    if (server != null) {
      return;
    }
    var socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    server = socket;
    Thread.ofVirtual().name("relay-accept-" + port).start(() -> accept(socket));
  }

  /** Stops listening and cuts every relayed connection. */
  synchronized void cut() {
    if (server != null) {
      closeQuietly(server);
      server = null;
    }
    sockets.forEach(TcpRelay::closeQuietly);
    sockets.clear();
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        sockets.add(client);
        Socket upstream;
        try {
          upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort.getAsInt());
        } catch (IOException | RuntimeException e) {
          closeQuietly(client);
          continue;
        }
        sockets.add(upstream);
        Thread.ofVirtual().start(() -> pump(client, upstream));
        Thread.ofVirtual().start(() -> pump(upstream, client));
      } catch (IOException e) {
        return; // closed by cut()
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16384];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed or was cut: close both below
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      sockets.remove(from);
      sockets.remove(to);
    }
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    cut();
  }
}
